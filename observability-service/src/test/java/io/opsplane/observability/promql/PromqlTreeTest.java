package io.opsplane.observability.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trees the parser builds: precedence, associativity, modifiers, literal values and types. */
class PromqlTreeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
            1 + 2 * 3 => (+ 1 (* 2 3))
            1 * 2 + 3 => (+ (* 1 2) 3)
            1 - 2 - 3 => (- (- 1 2) 3)
            2 ^ 3 ^ 2 => (^ 2 (^ 3 2))
            -2 ^ 2 => (- (^ 2 2))
            -x * y => (* ONE_TO_ONE (- {__name__="x"}) {__name__="y"})
            2 ^ -1 => (^ 2 -1)
            --1 => 1
            -(1) => (- (paren 1))
            x or y and z => (or MANY_TO_MANY {__name__="x"} (and MANY_TO_MANY {__name__="y"} {__name__="z"}))
            x and y unless z => (unless MANY_TO_MANY (and MANY_TO_MANY {__name__="x"} {__name__="y"}) {__name__="z"})
            x < 2 + 3 == bool 4 => (== bool (< {__name__="x"} (+ 2 3)) 4)
            x > bool 1 => (> bool {__name__="x"} 1)
            x atan2 y % z => (% ONE_TO_ONE (atan2 ONE_TO_ONE {__name__="x"} {__name__="y"}) {__name__="z"})
            x * on(a, b) group_left(c) y => (* MANY_TO_ONE on[a, b] include[c] {__name__="x"} {__name__="y"})
            x / ignoring(a) group_right y => (/ ONE_TO_MANY ignoring[a] {__name__="x"} {__name__="y"})
            x + on() y => (+ ONE_TO_ONE on[] {__name__="x"} {__name__="y"})
            x + 1 => (+ {__name__="x"} 1)
            0x1F + 010 + 08 => (+ (+ 31 8) 8)
            1e3 - .5 => (- 1000 0.5)
            -Inf => -Infinity
            "a\\x41\\u00e9\\101" => "aAéA"
            'it\\'s' => "it's"
            `raw\\n` => "raw\\\\n"
            x{a="b", c!="d", e=~"f", g!~"h"} => {a="b",c!="d",e=~"f",g!~"h",__name__="x"}
            {__name__=~"x|y"} => {__name__=~"x|y"}
            sum by (a) (x) => (sum by[a] {__name__="x"})
            sum(x) without (a, b) => (sum without[a, b] {__name__="x"})
            topk(3, x) => (topk 3 {__name__="x"})
            count_values("v", x) => (count_values "v" {__name__="x"})
            rate(x[1h30m]) => (rate {__name__="x"}[1h30m])
            x offset -5m => {__name__="x"} offset -5m
            x[5m] offset 1w => {__name__="x"} offset 1w[5m]
            x @ 1609746000.5 => {__name__="x"} @ 1609746000500
            x @ end() offset 1m => {__name__="x"} offset 1m @ END
            rate(x[5m])[30m:1m] @ start() => (subquery (rate {__name__="x"}[5m]) 30m:1m) @ START
            x[5m:] offset 2h => (subquery {__name__="x"} 5m:) offset 2h
            x[5m a] => (subquery {__name__="x"} 5m:)
            -x offset 5m => (- {__name__="x"} offset 5m)
            a + b offset 5m => (+ ONE_TO_ONE {__name__="a"} {__name__="b"} offset 5m)
            sum => {__name__="sum"}
            offset offset 5m => {__name__="offset"} offset 5m
            SUM BY (a) (x) => (sum by[a] {__name__="x"})
            sum by (by, offset) (x) => (sum by[by, offset] {__name__="x"})
            """)
    void buildsTheTreePrometheusBuilds(String query, String tree) {
        assertEquals(tree, ExprPrinter.print(PromQL.parse(query).expr()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1                      | SCALAR
            1 + 1                  | SCALAR
            1 > bool 2             | SCALAR
            "a"                    | STRING
            x                      | INSTANT_VECTOR
            x + 1                  | INSTANT_VECTOR
            x[5m]                  | RANGE_VECTOR
            rate(x[5m])[5m:]       | RANGE_VECTOR
            scalar(x)              | SCALAR
            time()                 | SCALAR
            -(x)                   | INSTANT_VECTOR
            sum(x)                 | INSTANT_VECTOR
            """)
    void knowsTheValueType(String query, ValueType type) {
        assertEquals(type, PromQL.parse(query).type());
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', textBlock = """
            up                                              | up
            rate(http_requests_total{job="api"}[5m])        | http_requests_total
            {__name__="a"} / on(x) b                        | a,b
            {__name__=~"a.*"}                               | ''
            sum(a) or vector(1) and max_over_time(c[5m:] offset 1m) | a,c
            label_replace(a, "x", "$1", "y", "(.*)") > b    | a,b
            """)
    void namesTheMetricsItSelects(String query, String names) {
        Set<String> expected = names.isEmpty() ? Set.of() : Set.of(names.split(","));
        assertEquals(expected, PromQL.parse(query).metricNames());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            x{job="api", path=~"/v1/.*"}[5m]   | job="api",path=~"/v1/.*",__name__="x"
            sum(a{b!="c"}) + d{e!~"f"}         | b!="c",__name__="a",e!~"f",__name__="d"
            """)
    void listsTheMatchersOfEverySelector(String query, String matchers) {
        List<String> all = PromQL.parse(query).selectors().stream()
                .flatMap(s -> s.matchers().stream()).map(LabelMatcher::toString).toList();
        assertEquals(List.of(matchers.split(",")), all);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
            x{a=~"a|b"} => a => true
            x{a=~"a|b"} => ab => false
            x{a=~"b"} => abc => false
            x{a=~"(?i)foo"} => FoO => true
            x{a!~"fo+"} => foo => false
            x{a=~"[[:alpha:]]+"} => abc => true
            x{a=~"[a-c&&b]"} => & => true
            x{a=~"[[]"} => [ => true
            x{a=~"a{x"} => a{x => true
            x{a=~"\\\\p{Greek}+"} => αβ => true
            x{a=~"(?P<n>a)b"} => ab => true
            x{a=~".*"} => ~~ => true
            x{a=~"(.*a){30}"} => aaaaaaaaaaaaaaaaaaaaaaaaaaaaa => false
            x{a=~"\\\\Q(?=\\\\1\\\\E"} => (?=\\1 => true
            """)
    void matchesAnchoredRegexesAsRe2Does(String query, String value, boolean matches) {
        LabelMatcher matcher = PromQL.parse(query).selectors().get(0).matchers().get(0);
        assertEquals(matches, matcher.matches(value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1h30m        | 5400000
            5m           | 300000
            1y           | 31536000000
            2w3d         | 1468800000
            100ms        | 100
            0            | 0
            """)
    void readsDurations(String text, long millis) {
        assertEquals(millis, Durations.parseMillis(text));
        assertEquals(text.equals("0") ? "0s" : text, Durations.format(millis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                  | empty duration string
            5                   | not a valid duration string: "5"
            1m1h                | not a valid duration string: "1m1h"
            -5m                 | not a valid duration string: "-5m"
            300000y             | duration out of range
            """)
    void refusesBadDurations(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis(text)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            (           | 256 | 1:257: parse error: query nests deeper than 256 levels
            -           | 256 | 1:257: parse error: query nests deeper than 256 levels
            """)
    void refusesDeepNesting(String opener, int depth, String message) {
        String query = opener.repeat(depth + 1) + "1" + (opener.equals("(") ? ")".repeat(depth + 1) : "");
        PromqlException refused = assertThrows(PromqlException.class, () -> PromQL.parse(query));
        assertEquals(message, refused.getMessage());
        String allowed = opener.repeat(depth - 2) + "1" + (opener.equals("(") ? ")".repeat(depth - 2) : "");
        assertEquals(ValueType.SCALAR, PromQL.parse(allowed).type());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            sum(\\n  rate(x)\\n) => 2 => 8 => expected type range vector in call to function "rate", got instant vector
            x{a="é"} + y{b="ü"} + rate(z) => 1 => 30 => expected type range vector in call to function "rate", got instant vector
            """)
    void namesLineColumnInBytesAndReason(String query, int line, int column, String reason) {
        PromqlException refused = assertThrows(PromqlException.class, () -> PromQL.parse(query.replace("\\n", "\n")));
        assertEquals(List.of(line, column, reason), List.of(refused.line(), refused.column(), refused.reason()));
    }

    @org.junit.jupiter.api.Test
    void refusesLongChainsAndLongQueries() {
        String chain = "x" + " + x".repeat(300);
        assertTrue(assertThrows(PromqlException.class, () -> PromQL.parse(chain)).getMessage()
                .endsWith("query nests deeper than 256 levels"));
        String longQuery = "x{a=\"" + "a".repeat(PromQL.MAX_QUERY_LENGTH) + "\"}";
        assertEquals("1:1: parse error: query is longer than 65536 characters",
                assertThrows(PromqlException.class, () -> PromQL.parse(longQuery)).getMessage());
    }
}
