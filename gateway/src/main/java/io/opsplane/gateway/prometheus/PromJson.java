package io.opsplane.gateway.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import io.opsplane.proto.observability.v1.Sample;
import io.opsplane.proto.observability.v1.Series;
import io.opsplane.proto.observability.v1.SeriesResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers in the JSON of Prometheus's HTTP API ({@code {"status":"success","data":...}}, errors as
 * {@code {"status":"error","errorType":...,"error":...}} with Prometheus's HTTP status), so a client
 * of Prometheus (Grafana, promtool, any API library) reads Opsplane's as it reads Prometheus's.
 */
public final class PromJson {

    private static final JsonFactory JSON = new JsonFactory();

    /** An answer: the HTTP status and the body. */
    public record Answer(int status, String body) {
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private PromJson() {
    }

    public static String query(QueryResult result) {
        return success(json -> {
            json.writeStartObject();
            switch (result.getResultType()) {
                case VECTOR -> {
                    json.writeStringField("resultType", "vector");
                    json.writeArrayFieldStart("result");
                    for (Series series : result.getSeriesList()) {
                        json.writeStartObject();
                        labels(json, "metric", series.getLabelsMap());
                        json.writeFieldName("value");
                        sample(json, series.getSamplesCount() > 0 ? series.getSamples(0) : Sample.getDefaultInstance());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                case MATRIX -> {
                    json.writeStringField("resultType", "matrix");
                    json.writeArrayFieldStart("result");
                    for (Series series : result.getSeriesList()) {
                        json.writeStartObject();
                        labels(json, "metric", series.getLabelsMap());
                        json.writeArrayFieldStart("values");
                        for (Sample sample : series.getSamplesList()) {
                            sample(json, sample);
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                case SCALAR -> {
                    // A scalar's time is written as the shortest decimal, unlike a series' samples.
                    json.writeStringField("resultType", "scalar");
                    json.writeArrayFieldStart("result");
                    json.writeNumber(seconds(result.getPoint().getTimestampMs()));
                    json.writeString(value(result.getPoint().getValue()));
                    json.writeEndArray();
                }
                case STRING -> {
                    json.writeStringField("resultType", "string");
                    json.writeArrayFieldStart("result");
                    json.writeNumber(seconds(result.getPoint().getTimestampMs()));
                    json.writeString(result.getStringValue());
                    json.writeEndArray();
                }
                default -> throw new IllegalStateException("the query answered no result type");
            }
            json.writeEndObject();
        }, result.getWarningsList());
    }

    public static String series(SeriesResult result) {
        return success(json -> {
            json.writeStartArray();
            for (LabelSet set : result.getSeriesList()) {
                json.writeStartObject();
                for (Map.Entry<String, String> label : new TreeMap<>(set.getLabelsMap()).entrySet()) {
                    json.writeStringField(label.getKey(), label.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }, result.getWarningsList());
    }

    public static String labels(LabelsResult result) {
        return success(json -> {
            json.writeStartArray();
            for (String value : result.getValuesList()) {
                json.writeString(value);
            }
            json.writeEndArray();
        }, result.getWarningsList());
    }

    public static String buildInfo(BuildInfoResult result) {
        return success(json -> {
            json.writeStartObject();
            for (Map.Entry<String, String> field : new TreeMap<>(result.getInfoMap()).entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
        }, List.of());
    }

    /**
     * {@code GET /api/v1/rules} as Prometheus 2.42 writes it: groups with file (the namespace), rules with their
     * health, lastError (only when there is one), evaluation time in seconds and last evaluation as Go writes a time
     * ({@code 0001-01-01T00:00:00Z} before the first); alerting rules with state, duration, keepFiringFor and alerts.
     */
    public static String rules(ListRulesResponse response) {
        return success(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("groups");
            for (RuleGroupStatus group : response.getGroupsList()) {
                json.writeStartObject();
                json.writeStringField("name", group.getName());
                json.writeStringField("file", group.getNamespace());
                json.writeArrayFieldStart("rules");
                for (RuleStatus status : group.getRulesList()) {
                    rule(json, status);
                }
                json.writeEndArray();
                json.writeFieldName("interval");
                json.writeNumber(durationSeconds(group.getInterval()));
                json.writeNumberField("limit", group.getLimit());
                json.writeFieldName("evaluationTime");
                json.writeNumber(durationSeconds(group.getEvaluationTime()));
                json.writeStringField("lastEvaluation", goTime(group.hasLastEvaluation() ? group.getLastEvaluation() : null));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }, List.of());
    }

    /** {@code GET /api/v1/alerts}: the pending and firing alerts of every alerting rule. */
    public static String alerts(ListRuleAlertsResponse response) {
        return success(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("alerts");
            for (RuleAlert alert : response.getAlertsList()) {
                alert(json, alert);
            }
            json.writeEndArray();
            json.writeEndObject();
        }, List.of());
    }

    private static void rule(JsonGenerator json, RuleStatus status) throws IOException {
        RuleSpec rule = status.getRule();
        boolean alerting = rule.getType().equals("alerting");
        json.writeStartObject();
        if (alerting) {
            json.writeStringField("state", status.getState());
        }
        json.writeStringField("name", rule.getName());
        // Prometheus shows the query as it prints it; files stored before that was kept show as they were written.
        json.writeStringField("query", rule.getQuery().isEmpty() ? rule.getExpr() : rule.getQuery());
        if (alerting) {
            json.writeFieldName("duration");
                json.writeNumber(durationSeconds(rule.getFor()));
            json.writeFieldName("keepFiringFor");
                json.writeNumber(durationSeconds(rule.getKeepFiringFor()));
            labels(json, "labels", rule.getLabelsMap());
            labels(json, "annotations", rule.getAnnotationsMap());
            json.writeArrayFieldStart("alerts");
            for (RuleAlert alert : status.getAlertsList()) {
                alert(json, alert);
            }
            json.writeEndArray();
        } else if (rule.getLabelsCount() > 0) {
            labels(json, "labels", rule.getLabelsMap());
        }
        json.writeStringField("health", status.getHealth());
        if (!status.getLastError().isEmpty()) {
            json.writeStringField("lastError", status.getLastError());
        }
        json.writeFieldName("evaluationTime");
                json.writeNumber(durationSeconds(status.getEvaluationTime()));
        json.writeStringField("lastEvaluation", goTime(status.hasLastEvaluation() ? status.getLastEvaluation() : null));
        json.writeStringField("type", alerting ? "alerting" : "recording");
        json.writeEndObject();
    }

    private static void alert(JsonGenerator json, RuleAlert alert) throws IOException {
        json.writeStartObject();
        labels(json, "labels", alert.getLabelsMap());
        labels(json, "annotations", alert.getAnnotationsMap());
        json.writeStringField("state", alert.getState());
        json.writeStringField("activeAt", goTime(alert.getActiveAt()));
        if (alert.hasKeepFiringSince()) {
            json.writeStringField("keepFiringSince", goTime(alert.getKeepFiringSince()));
        }
        json.writeStringField("value", goExponent(alert.getValue()));
        json.writeEndObject();
    }

    /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}, as Prometheus writes an alert's value: {@code 1e+01}. */
    public static String goExponent(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
        if (value == 0) {
            return sign + "0e+00";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** A time as Go's encoding/json writes it (RFC 3339, nanoseconds without trailing zeros); null: Go's zero time. */
    public static String goTime(com.google.protobuf.Timestamp time) {
        if (time == null) {
            return "0001-01-01T00:00:00Z";
        }
        java.time.Instant instant = java.time.Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
        String seconds = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
        if (time.getNanos() == 0) {
            return seconds + "Z";
        }
        String fraction = String.format("%09d", time.getNanos()).replaceAll("0+$", "");
        return seconds + "." + fraction + "Z";
    }

    /** Seconds as Go's encoding/json writes a float64 of moderate size: the shortest plain decimal. */
    private static String durationSeconds(com.google.protobuf.Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNanos(), 9))
                .stripTrailingZeros().toPlainString();
    }

    /** A refused parameter: Prometheus's {@code bad_data}. */
    public static Answer badData(String message) {
        return error(400, "bad_data", message);
    }

    /**
     * A failed call in Prometheus's terms: the store's errors come back with its type and HTTP status and
     * their message (the position of a parse error included); the platform's own refusals keep theirs.
     */
    public static Answer error(Status status) {
        String message = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> error(400, "bad_data", message);
            case FAILED_PRECONDITION, RESOURCE_EXHAUSTED -> error(422, "execution", message);
            case DEADLINE_EXCEEDED -> error(503, "timeout", message.isEmpty()
                    ? "the query did not finish in time" : message);
            case CANCELLED -> error(499, "canceled", "the request was cancelled");
            case NOT_FOUND -> error(404, "not_found", message);
            case UNAUTHENTICATED -> error(401, "unauthorized", message);
            case PERMISSION_DENIED -> error(403, "forbidden", message);
            case UNAVAILABLE -> error(503, "unavailable", message.isEmpty()
                    ? "the metrics store is unavailable; try again shortly" : message);
            default -> error(500, "internal", message.startsWith("internal error ") ? message : "internal error");
        };
    }

    private static Answer error(int status, String type, String message) {
        return new Answer(status, write(json -> {
            json.writeStartObject();
            json.writeStringField("status", "error");
            json.writeStringField("errorType", type);
            json.writeStringField("error", message);
            json.writeEndObject();
        }));
    }

    /** A sample value as Prometheus writes it: the shortest decimal, no exponent; NaN, +Inf, -Inf. */
    public static String value(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** Unix seconds with the milliseconds as the shortest decimal, as Prometheus writes a scalar's or string's time. */
    public static String seconds(long timestampMs) {
        return BigDecimal.valueOf(timestampMs, 3).stripTrailingZeros().toPlainString();
    }

    /**
     * The time of a sample of a vector or matrix as Prometheus writes it: whole seconds, then, when there
     * are milliseconds, always three digits of them ({@code 1700000000.500}).
     */
    public static String pointSeconds(long timestampMs) {
        long abs = Math.abs(timestampMs);
        String sign = timestampMs < 0 ? "-" : "";
        long fraction = abs % 1000;
        return sign + (abs / 1000) + (fraction == 0 ? "" : String.format(".%03d", fraction));
    }

    private static void sample(JsonGenerator json, Sample sample) throws IOException {
        json.writeStartArray();
        json.writeNumber(pointSeconds(sample.getTimestampMs()));
        json.writeString(value(sample.getValue()));
        json.writeEndArray();
    }

    private static void labels(JsonGenerator json, String field, Map<String, String> labels) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
    }

    private static String success(Writer data, List<String> warnings) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("status", "success");
            json.writeFieldName("data");
            data.write(json);
            if (!warnings.isEmpty()) {
                json.writeArrayFieldStart("warnings");
                for (String warning : warnings) {
                    json.writeString(warning);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    private static String write(Writer writer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
