package io.opsplane.gateway.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.proto.observability.v1.LabelSet;
import io.opsplane.proto.observability.v1.LabelsResult;
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
}
