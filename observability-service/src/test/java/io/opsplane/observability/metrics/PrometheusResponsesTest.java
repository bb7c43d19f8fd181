package io.opsplane.observability.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.metrics.MetricsStoreException.Kind;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.ResultType;
import io.opsplane.proto.observability.v1.Series;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Answers as Prometheus 2.42 gives them (taken from a running one), and answers no store should give. */
class PrometheusResponsesTest {

    private static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact, readable form of a result: type, then each series as {labels} t=v,t=v; or the point. */
    private static String render(QueryResult result) {
        StringBuilder out = new StringBuilder(result.getResultType().name());
        for (Series series : result.getSeriesList()) {
            out.append(' ').append(new java.util.TreeMap<>(series.getLabelsMap()));
            if (series.getSamplesCount() > 0) {
                out.append(series.getSamplesList().stream().map(s -> s.getTimestampMs() + "=" + s.getValue())
                        .collect(Collectors.joining(",", " ", "")));
            }
        }
        if (result.hasPoint()) {
            out.append(' ').append(result.getPoint().getTimestampMs());
            out.append(result.getResultType() == ResultType.STRING ? "='" + result.getStringValue() + "'"
                    : "=" + result.getPoint().getValue());
        }
        result.getWarningsList().forEach(w -> out.append(" warning:").append(w));
        return out.toString();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("""
                        {"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up",\
                        "instance":"127.0.0.1:9490","job":"prometheus"},"value":[1796664316.399,"1"]}]}}""",
                        "VECTOR {__name__=up, instance=127.0.0.1:9490, job=prometheus} 1796664316399=1.0"),
                Arguments.of("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", "VECTOR"),
                Arguments.of("""
                        {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":\
                        [[1700000000,"1.5"],[1700000001.5,"NaN"],[1700000003,"+Inf"],[1700000004,"-Inf"],\
                        [1700000005,"1e+21"],[1700000006,"-0.000001"]]},{"metric":{},"values":[]}]}}""",
                        "MATRIX {a=1} 1700000000000=1.5,1700000001500=NaN,1700000003000=Infinity,"
                                + "1700000004000=-Infinity,1700000005000=1.0E21,1700000006000=-1.0E-6 {}"),
                Arguments.of("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1796664316.43,\"2\"]}}",
                        "SCALAR 1796664316430=2.0"),
                Arguments.of("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1796664316.443,\"hi\"]}}",
                        "STRING 1796664316443='hi'"),
                // The order of the fields is the store's business.
                Arguments.of("""
                        {"warnings":["w1"],"data":{"result":[{"value":[1,"3"],"metric":{"x":"y"}}],\
                        "resultType":"vector"},"status":"success","extra":{"ignored":[1,2,{"a":null}]}}""",
                        "VECTOR {x=y} 1000=3.0 warning:w1"),
                Arguments.of("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":null}}", "MATRIX"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void answersAreRead(String json, String expected) {
        assertEquals(expected, render(PrometheusResponses.query(body(json), 200, 100)));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(400, """
                        {"status":"error","errorType":"bad_data","error":"1:14: parse error: unclosed left parenthesis"}""",
                        Kind.BAD_DATA, "1:14: parse error: unclosed left parenthesis"),
                Arguments.of(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"vector cannot contain metrics with the same labelset\"}",
                        Kind.EXECUTION, "vector cannot contain metrics with the same labelset"),
                Arguments.of(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}",
                        Kind.TIMEOUT, "query timed out in expression evaluation"),
                Arguments.of(503, "{\"status\":\"error\",\"errorType\":\"canceled\",\"error\":\"context canceled\"}",
                        Kind.CANCELED, "context canceled"),
                Arguments.of(404, "{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"no such thing\"}",
                        Kind.NOT_FOUND, "no such thing"),
                Arguments.of(500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"disk broke\"}",
                        Kind.INTERNAL, "disk broke"),
                Arguments.of(500, "{\"status\":\"error\",\"errorType\":\"strange\",\"error\":\"?\"}", Kind.INTERNAL, "?"),
                // VictoriaMetrics names the HTTP status as the error type.
                Arguments.of(422, "{\"status\":\"error\",\"errorType\":\"422\",\"error\":\"error when executing query=\\\"1 1\\\": unparsed data left: \\\"1\\\"\"}",
                        Kind.BAD_DATA, "error when executing query=\"1 1\": unparsed data left: \"1\""),
                Arguments.of(400, "{\"status\":\"error\",\"errorType\":\"400\",\"error\":\"missing query\"}", Kind.BAD_DATA,
                        "missing query"),
                Arguments.of(503, "{\"status\":\"error\",\"errorType\":\"503\",\"error\":\"too many requests\"}",
                        Kind.UNAVAILABLE, "too many requests"),
                Arguments.of(504, "{\"status\":\"error\",\"errorType\":\"504\",\"error\":\"deadline\"}", Kind.TIMEOUT,
                        "deadline"),
                Arguments.of(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"down\"}",
                        Kind.UNAVAILABLE, "down"),
                Arguments.of(502, "<html>Bad Gateway</html>", Kind.UNAVAILABLE,
                        "the metrics store answered HTTP 502 with something that is not Prometheus's API"),
                Arguments.of(404, "404 page not found", Kind.UNAVAILABLE, "answered HTTP 404"),
                Arguments.of(404, "{}", Kind.NOT_FOUND, "HTTP 404 without a message"),
                Arguments.of(200, "", Kind.UNAVAILABLE, "not a JSON object"),
                Arguments.of(200, "[]", Kind.UNAVAILABLE, "not a JSON object"),
                Arguments.of(200, "{\"status\":\"success\"}", Kind.UNAVAILABLE, "(no data)"),
                Arguments.of(200, "{\"data\":{\"resultType\":\"vector\",\"result\":[]}}", Kind.UNAVAILABLE,
                        "status is missing"),
                Arguments.of(200, "{\"status\":\"ok\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                        Kind.UNAVAILABLE, "status is 'ok'"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}",
                        Kind.UNAVAILABLE, "not Prometheus's API"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"cube\",\"result\":[]}}",
                        Kind.UNAVAILABLE, "data.resultType is 'cube'"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"result\":[]}}", Kind.UNAVAILABLE,
                        "data.resultType is missing"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[]}}",
                        Kind.UNAVAILABLE, "is not a [time, value] pair"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[1,\"2\"]}}",
                        Kind.UNAVAILABLE, "data.result of a vector is not a list of series"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,2]}]}}",
                        Kind.UNAVAILABLE, "sample value is not a string"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"x\"]}]}}",
                        Kind.UNAVAILABLE, "a sample value is not a number: 'x'"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[\"1\",\"1\"]}]}}",
                        Kind.UNAVAILABLE, "a sample time is not a number"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1e300,\"1\"]}]}}",
                        Kind.UNAVAILABLE, "a sample time is out of range"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"1\",3]}]}}",
                        Kind.UNAVAILABLE, "more than two elements"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1}}]}}",
                        Kind.UNAVAILABLE, "label a is not a string"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"histogram\":[1,{}]}]}}",
                        Kind.EXECUTION, "native histograms"),
                Arguments.of(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[".repeat(40) + "]".repeat(40) + "}}", Kind.UNAVAILABLE, "not Prometheus's API"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failuresKeepTheStoresMessage(int status, String json, Kind kind, String message) {
        MetricsStoreException e = assertThrows(MetricsStoreException.class,
                () -> PrometheusResponses.query(body(json), status, 100));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void samplesOverTheLimitAreRefusedWhileReading() {
        String series = "{\"metric\":{\"a\":\"%d\"},\"values\":[[1,\"1\"],[2,\"2\"],[3,\"3\"]]}";
        String three = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + String.format(series, 1) + "," + String.format(series, 2) + "," + String.format(series, 3) + "]}}";
        assertEquals(3, PrometheusResponses.query(body(three), 200, 9).getSeriesCount());
        MetricsStoreException e = assertThrows(MetricsStoreException.class,
                () -> PrometheusResponses.query(body(three), 200, 8));
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().startsWith("the answer holds more than 8 samples (the limit)"), e.getMessage());
        // The reader stops at the limit: what follows is never read (here, never even valid).
        String endless = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"value\":[1,\"1\"]},".repeat(5) + "garbage";
        assertEquals(Kind.TOO_LARGE, assertThrows(MetricsStoreException.class,
                () -> PrometheusResponses.query(body(endless), 200, 4)).kind());
    }

    @Test
    void activeTargetsAsPrometheusAndVictoriaMetricsReportThem() {
        List<ActiveTarget> targets = PrometheusResponses.targets(body("""
                {"status":"success","data":{"activeTargets":[
                 {"discoveredLabels":{"__address__":"127.0.0.1:9490"},"labels":{"instance":"127.0.0.1:9490","job":"store"},
                  "scrapePool":"store","lastError":"","lastScrape":"2026-12-07T23:42:46.593288413Z",
                  "lastScrapeDuration":0.003534308,"health":"up","scrapeInterval":"1s","scrapeTimeout":"1s"},
                 {"labels":{"instance":"a:1","job":"new"},"lastScrape":"0001-01-01T00:00:00Z","lastScrapeDuration":0,
                  "health":"unknown","scrapeInterval":"1m30s"},
                 {"labels":{"instance":"b:1","job":"vm"},"lastScrape":"2026-12-07T23:42:47+01:00","lastScrapeDuration":1}
                ],"droppedTargets":[{"discoveredLabels":{"job":"dropped"}}]}}"""), 200, 10);
        assertEquals(List.of(
                new ActiveTarget(Map.of("instance", "127.0.0.1:9490", "job", "store"),
                        Instant.parse("2026-12-07T23:42:46.593288413Z"), Duration.ofNanos(3_534_308), Duration.ofSeconds(1)),
                new ActiveTarget(Map.of("instance", "a:1", "job", "new"), null, Duration.ZERO, Duration.ofSeconds(90)),
                new ActiveTarget(Map.of("instance", "b:1", "job", "vm"), Instant.parse("2026-12-07T22:42:47Z"),
                        Duration.ofSeconds(1), null)), targets);
        assertEquals(Kind.TOO_LARGE, assertThrows(MetricsStoreException.class, () -> PrometheusResponses.targets(
                body("{\"status\":\"success\",\"data\":{\"activeTargets\":[{},{}]}}"), 200, 1)).kind());
        assertEquals(Kind.UNAVAILABLE, assertThrows(MetricsStoreException.class, () -> PrometheusResponses.targets(
                body("{\"status\":\"success\",\"data\":{\"activeTargets\":[{\"lastScrape\":\"yesterday\"}]}}"),
                200, 10)).kind());
    }

    @Test
    void seriesLabelsAndBuildInfo() {
        var series = PrometheusResponses.series(body("""
                {"status":"success","data":[{"__name__":"up","job":"a"},{"__name__":"up","job":"b"}],"warnings":["w"]}"""),
                200, 10);
        assertEquals(List.of(Map.of("__name__", "up", "job", "a"), Map.of("__name__", "up", "job", "b")),
                series.getSeriesList().stream().map(set -> set.getLabelsMap()).toList());
        assertEquals(List.of("w"), series.getWarningsList());
        assertEquals(Kind.TOO_LARGE, assertThrows(MetricsStoreException.class, () -> PrometheusResponses.series(
                body("{\"status\":\"success\",\"data\":[{},{},{}]}"), 200, 2)).kind());

        var labels = PrometheusResponses.labels(body("{\"status\":\"success\",\"data\":[\"__name__\",\"job\"]}"), 200, 10);
        assertEquals(List.of("__name__", "job"), labels.getValuesList());
        assertEquals(Kind.TOO_LARGE, assertThrows(MetricsStoreException.class, () -> PrometheusResponses.labels(
                body("{\"status\":\"success\",\"data\":[\"a\",\"b\",\"c\"]}"), 200, 2)).kind());
        assertEquals(Kind.UNAVAILABLE, assertThrows(MetricsStoreException.class, () -> PrometheusResponses.labels(
                body("{\"status\":\"success\",\"data\":{}}"), 200, 2)).kind());
        assertEquals(Kind.BAD_DATA, assertThrows(MetricsStoreException.class, () -> PrometheusResponses.labels(
                body("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid label name: \\\"a-b\\\"\"}"),
                400, 2)).kind());

        var info = PrometheusResponses.buildInfo(body("""
                {"status":"success","data":{"version":"2.42.0+ds","revision":"r","branch":"debian/sid",\
                "buildUser":"u","buildDate":"20260604-00:58:54","goVersion":"go1.19.8","features":{"a":true}}}"""), 200);
        assertEquals("2.42.0+ds", info.getInfoOrThrow("version"));
        assertEquals(6, info.getInfoCount());
    }

    @Test
    void valuesAreReadAsTheApiWritesThem() {
        assertEquals(Double.NaN, PrometheusResponses.value("NaN"));
        assertEquals(Double.POSITIVE_INFINITY, PrometheusResponses.value("+Inf"));
        assertEquals(Double.NEGATIVE_INFINITY, PrometheusResponses.value("-Inf"));
        assertEquals(0.1, PrometheusResponses.value("0.1"));
        assertEquals(-1e-300, PrometheusResponses.value("-1e-300"));
        for (String bad : new String[] {"", "Infinity", "0x10", "1_000", " 1", "1e", "-"}) {
            assertThrows(MetricsStoreException.class, () -> PrometheusResponses.value(bad), bad);
        }
    }
}
