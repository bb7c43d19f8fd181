package io.opsplane.gateway.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.proto.observability.v1.LabelSet;
import io.opsplane.proto.observability.v1.LabelsResult;
import io.opsplane.proto.observability.v1.ListRuleAlertsResponse;
import io.opsplane.proto.observability.v1.ListRulesResponse;
import io.opsplane.proto.observability.v1.RuleAlert;
import io.opsplane.proto.observability.v1.RuleGroupStatus;
import io.opsplane.proto.observability.v1.RuleSpec;
import io.opsplane.proto.observability.v1.RuleStatus;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.ResultType;
import io.opsplane.proto.observability.v1.Sample;
import io.opsplane.proto.observability.v1.Series;
import io.opsplane.proto.observability.v1.SeriesResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers byte for byte as Prometheus 2.42 writes them (compare {@code curl 127.0.0.1:9490/api/v1/...}). */
class PromJsonTest {

    private static Sample sample(long ms, double value) {
        return Sample.newBuilder().setTimestampMs(ms).setValue(value).build();
    }

    @Test
    void vector() {
        QueryResult result = QueryResult.newBuilder().setResultType(ResultType.VECTOR)
                .addSeries(Series.newBuilder().putLabels("job", "prometheus").putLabels("__name__", "up")
                        .putLabels("instance", "127.0.0.1:9490").addSamples(sample(1796664316399L, 1)))
                .build();
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":"
                + "\"up\",\"instance\":\"127.0.0.1:9490\",\"job\":\"prometheus\"},\"value\":[1796664316.399,\"1\"]}]}}",
                PromJson.query(result));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                PromJson.query(QueryResult.newBuilder().setResultType(ResultType.VECTOR).build()));
    }

    @Test
    void matrixWithWarnings() {
        QueryResult result = QueryResult.newBuilder().setResultType(ResultType.MATRIX)
                .addSeries(Series.newBuilder().putLabels("a", "1").addSamples(sample(1700000000000L, 0.5))
                        .addSamples(sample(1700000001000L, Double.NaN)).addSamples(sample(1700000001500L, 2))
                        .addSamples(sample(1700000001010L, 3)))
                .addWarnings("w \"1\"").build();
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"1\"},"
                + "\"values\":[[1700000000,\"0.5\"],[1700000001,\"NaN\"],[1700000001.500,\"2\"],[1700000001.010,\"3\"]]}]},\"warnings\":[\"w \\\"1\\\"\"]}",
                PromJson.query(result));
    }

    @Test
    void scalarAndString() {
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1796664316.43,\"2\"]}}",
                PromJson.query(QueryResult.newBuilder().setResultType(ResultType.SCALAR)
                        .setPoint(sample(1796664316430L, 2)).build()));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1796664316.443,\"hi\"]}}",
                PromJson.query(QueryResult.newBuilder().setResultType(ResultType.STRING)
                        .setPoint(sample(1796664316443L, 0)).setStringValue("hi").build()));
    }

    @Test
    void seriesLabelsAndBuildInfo() {
        assertEquals("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\"}]}",
                PromJson.series(SeriesResult.newBuilder().addSeries(LabelSet.newBuilder().putLabels("job", "a")
                        .putLabels("__name__", "up")).build()));
        assertEquals("{\"status\":\"success\",\"data\":[\"__name__\",\"job\"]}",
                PromJson.labels(LabelsResult.newBuilder().addValues("__name__").addValues("job").build()));
        assertEquals("{\"status\":\"success\",\"data\":{\"goVersion\":\"go1.19.8\",\"version\":\"2.42.0\"}}",
                PromJson.buildInfo(BuildInfoResult.newBuilder().putInfo("version", "2.42.0")
                        .putInfo("goVersion", "go1.19.8").build()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1", "0.5|0.5", "100|100", "1e21|1000000000000000000000", "1.5e-7|0.00000015", "-2.25|-2.25",
            "0.1|0.1", "123456789.125|123456789.125", "0|0"})
    void valuesAsGoWritesThem(double value, String text) {
        assertEquals(text, PromJson.value(value));
    }

    @Test
    void specialValues() {
        assertEquals("NaN", PromJson.value(Double.NaN));
        assertEquals("+Inf", PromJson.value(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PromJson.value(Double.NEGATIVE_INFINITY));
        assertEquals("-0", PromJson.value(-0.0));
        assertEquals("1700000000", PromJson.seconds(1700000000000L));
        assertEquals("1700000000.1", PromJson.seconds(1700000000100L));
        assertEquals("0", PromJson.seconds(0));
        assertEquals("1700000000.100", PromJson.pointSeconds(1700000000100L));
        assertEquals("1700000000.001", PromJson.pointSeconds(1700000000001L));
        assertEquals("1700000000", PromJson.pointSeconds(1700000000000L));
        assertEquals("-1.500", PromJson.pointSeconds(-1500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INVALID_ARGUMENT|1:5: parse error: unexpected end of input|400|bad_data|1:5: parse error: unexpected end of input",
            "FAILED_PRECONDITION|vector cannot contain metrics with the same labelset|422|execution|vector cannot contain metrics with the same labelset",
            "RESOURCE_EXHAUSTED|the answer holds more than 10 samples|422|execution|the answer holds more than 10 samples",
            "DEADLINE_EXCEEDED|query timed out|503|timeout|query timed out",
            "UNAVAILABLE|the metrics store at http://x is unavailable|503|unavailable|the metrics store at http://x is unavailable",
            "NOT_FOUND|nope|404|not_found|nope",
            "PERMISSION_DENIED|metrics:read is needed|403|forbidden|metrics:read is needed",
            "UNAUTHENTICATED|who are you|401|unauthorized|who are you",
            "INTERNAL|java.lang.NullPointerException at x|500|internal|internal error",
            "INTERNAL|internal error 1234|500|internal|internal error 1234",
            "CANCELLED|x|499|canceled|the request was cancelled"})
    void errorsInPrometheusTerms(Status.Code code, String description, int status, String type, String message) {
        PromJson.Answer answer = PromJson.error(Status.fromCode(code).withDescription(description));
        assertEquals(status, answer.status());
        assertEquals("{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}", answer.body());
    }

    private static com.google.protobuf.Timestamp time(long seconds, int nanos) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    private static com.google.protobuf.Duration seconds(long seconds, int nanos) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    /** The shape of Prometheus 2.42's GET /api/v1/rules, field for field and in its order. */
    @Test
    void rules() {
        RuleAlert alert = RuleAlert.newBuilder().putLabels("alertname", "High").putLabels("severity", "page")
                .putAnnotations("summary", "value 10").setState("firing").setActiveAt(time(1700000000, 120000000))
                .setValue(10).build();
        ListRulesResponse response = ListRulesResponse.newBuilder().addGroups(RuleGroupStatus.newBuilder()
                .setNamespace("team").setName("g").setInterval(seconds(1, 0)).setLimit(0)
                .setEvaluationTime(seconds(0, 1500000)).setLastEvaluation(time(1700000001, 0))
                .addRules(RuleStatus.newBuilder().setRule(RuleSpec.newBuilder().setType("alerting").setName("High")
                                .setExpr("x>5e3").setQuery("x > 5000").setFor(seconds(60, 0))
                                .putLabels("severity", "page")
                                .putAnnotations("summary", "value {{ $value }}"))
                        .setHealth("ok").setState("firing").addAlerts(alert).setEvaluationTime(seconds(0, 500000))
                        .setLastEvaluation(time(1700000001, 0)))
                .addRules(RuleStatus.newBuilder().setRule(RuleSpec.newBuilder().setType("recording").setName("x:sum")
                                .setExpr("sum(x)"))
                        .setHealth("err").setLastError("bad").setEvaluationTime(seconds(0, 0))))
                .build();
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"g\",\"file\":\"team\",\"rules\":["
                + "{\"state\":\"firing\",\"name\":\"High\",\"query\":\"x > 5000\",\"duration\":60,\"keepFiringFor\":0,"
                + "\"labels\":{\"severity\":\"page\"},\"annotations\":{\"summary\":\"value {{ $value }}\"},"
                + "\"alerts\":[{\"labels\":{\"alertname\":\"High\",\"severity\":\"page\"},\"annotations\":"
                + "{\"summary\":\"value 10\"},\"state\":\"firing\",\"activeAt\":\"2023-11-14T22:13:20.12Z\","
                + "\"value\":\"1e+01\"}],\"health\":\"ok\",\"evaluationTime\":0.0005,"
                + "\"lastEvaluation\":\"2023-11-14T22:13:21Z\",\"type\":\"alerting\"},"
                + "{\"name\":\"x:sum\",\"query\":\"sum(x)\",\"health\":\"err\",\"lastError\":\"bad\","
                + "\"evaluationTime\":0,\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"type\":\"recording\"}],"
                + "\"interval\":1,\"limit\":0,\"evaluationTime\":0.0015,\"lastEvaluation\":\"2023-11-14T22:13:21Z\"}]}}",
                PromJson.rules(response));
        assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"High\","
                + "\"severity\":\"page\"},\"annotations\":{\"summary\":\"value 10\"},\"state\":\"firing\","
                + "\"activeAt\":\"2023-11-14T22:13:20.12Z\",\"value\":\"1e+01\"}]}}",
                PromJson.alerts(ListRuleAlertsResponse.newBuilder().addAlerts(alert).build()));
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[]}}",
                PromJson.rules(ListRulesResponse.getDefaultInstance()));
    }

    /** Go's strconv.FormatFloat(v, 'e', -1, 64), as Prometheus writes alert values. */
    @ParameterizedTest
    @CsvSource({"10,1e+01", "1,1e+00", "0.5,5e-01", "123.456,1.23456e+02", "0,0e+00", "-2.5,-2.5e+00",
        "1e21,1e+21", "1.5e-7,1.5e-07", "NaN,NaN", "Infinity,+Inf", "-Infinity,-Inf"})
    void goExponent(double value, String expected) {
        assertEquals(expected, PromJson.goExponent(value));
    }
}
