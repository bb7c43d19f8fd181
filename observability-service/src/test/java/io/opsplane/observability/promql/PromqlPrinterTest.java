package io.opsplane.observability.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queries written back as Prometheus 2.42 writes them. Each expected text is what a real Prometheus 2.42 (Debian's
 * package) answered as the rule's {@code query} in {@code /api/v1/rules} for a rule file holding the query on the
 * left: the text that goes into an alert's generator URL.
 */
class PromqlPrinterTest {

    static Stream<Arguments> queries() {
        String[][] cases = {
                {"sbs_disk_free_bytes{mount=~\"/var|/data\"} < 1e9", "sbs_disk_free_bytes{mount=~\"/var|/data\"} < 1e+09"},
                {"max by (queue, team) (\n  sbs_queue_depth{queue!='dead-letter'}\n) > 100", "max by (queue, team) (sbs_queue_depth{queue!=\"dead-letter\"}) > 100"},
                {"sum(rate(http_requests_total{job=\"api\", code=~\"5..\"}[5m])) by (job) / sum without (code) (rate(http_requests_total[5m]))", "sum by (job) (rate(http_requests_total{code=~\"5..\",job=\"api\"}[5m])) / sum without (code) (rate(http_requests_total[5m]))"},
                {"x > bool 1234567", "x > bool 1.234567e+06"},
                {"x * on (a, b) group_left (c) y", "x * on (a, b) group_left (c) y"},
                {"x * ignoring (a) group_right y", "x * ignoring (a) group_right () y"},
                {"x / on () y", "x / on () y"},
                {"x + ignoring () y", "x + y"},
                {"topk(3, x)", "topk(3, x)"},
                {"quantile(0.99, x)", "quantile(0.99, x)"},
                {"count_values(\"v\", x)", "count_values(\"v\", x)"},
                {"-x", "-x"},
                {"-(x + 1)", "-(x + 1)"},
                {"x offset 5m", "x offset 5m"},
                {"x[1h30m] offset -1d", "x[1h30m] offset -1d"},
                {"x @ 1609746000", "x @ 1609746000.000"},
                {"x @ start()", "x @ start()"},
                {"rate(x[5m:1m] @ end() offset 1w)", "rate(x[5m:1m] @ end() offset 1w)"},
                {"max_over_time(x[10m:])", "max_over_time(x[10m:])"},
                {"{__name__=\"x\", a=\"b\"}", "{__name__=\"x\",a=\"b\"}"},
                {"{__name__=~\"x.*\"}", "{__name__=~\"x.*\"}"},
                {"x{a=\"new\\nline\", b=\"tab\\t\", c=\"quote\\\"\", d='sq'}", "x{a=\"new\\nline\",b=\"tab\\t\",c=\"quote\\\"\",d=\"sq\"}"},
                {"0.5", "0.5"},
                {"1e-5", "1e-05"},
                {"123456789", "1.23456789e+08"},
                {"1.5e+300", "1.5e+300"},
                {"Inf", "+Inf"},
                {"-Inf", "-Inf"},
                {"NaN", "NaN"},
                {"0x1F", "31"},
                {"x and y or z unless w", "x and y or z unless w"},
                {"x == bool 2", "x == bool 2"},
                {"absent(nothing)", "absent(nothing)"},
                {"histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))", "histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))"},
                {"label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")", "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")"},
                {"time() - x > 86400", "time() - x > 86400"},
                {"x ^ 2 ^ 3", "x ^ 2 ^ 3"},
                {"(x)", "(x)"},
                {"x{} ", "x"},
                {"sum by () (x)", "sum(x)"},
                {"sum without () (x)", "sum without () (x)"},
                {"100000", "100000"},
                {"1000000", "1e+06"},
                {"0.0001", "0.0001"},
                {"0.00001", "1e-05"},
                {"1e21", "1e+21"},
                {"-1.5", "-1.5"},
                {"+x", "+x"},
                {"x{a!~\"b\"}", "x{a!~\"b\"}"},
                {"avg(x) by (a, b)", "avg by (a, b) (x)"},
                {"sum by (b, a) (x)", "sum by (b, a) (x)"},
                {"x * on (b, a) group_left (d, c) y", "x * on (b, a) group_left (d, c) y"},
                {"x @ -5.5", "x @ -5.500"},
                {"x[5m] @ 100", "x[5m] @ 100.000"},
                {"(x)[5m:] offset -30s", "(x)[5m:] offset -30s"},
                {"x > on (a) y", "x > on (a) y"},
                {"x or on (a) y", "x or on (a) y"},
                {"count(x) without (a)", "count without (a) (x)"},
                {"x{a=\"\u00e9\ud83d\ude00\\u0001\"}", "x{a=\"\u00e9\ud83d\ude00\\x01\"}"},
                {"{__name__=\"x\"}", "{__name__=\"x\"}"},
                {"bottomk by (a) (2, x)", "bottomk by (a) (2, x)"},
                {"vector(1) + 1", "vector(1) + 1"},
                {"scalar(x) * 2", "scalar(x) * 2"},
                {"-vector(1)", "-vector(1)"},
                {"- - x", "--x"},
                {"x offset 1m30s", "x offset 1m30s"},
                {"x offset 90m", "x offset 1h30m"},
                {"0.1 + 0.2", "0.1 + 0.2"},
                {"3.0", "3"},
                {"2e0", "2"},
                {"x unless ignoring (a) y", "x unless ignoring (a) y"},
        };
        return Arrays.stream(cases).map(pair -> Arguments.of(pair[0], pair[1]));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("queries")
    void printsTheQueryAsPrometheusDoes(String query, String printed) {
        assertEquals(printed, PromqlPrinter.print(PromQL.parse(query).expr()));
        assertEquals(printed, PromQL.parse(query).printed());
    }
}
