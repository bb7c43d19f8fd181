package io.opsplane.observability.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.opsplane.observability.metrics.MetricsStoreException.Kind;
import io.opsplane.observability.promql.Durations;
import io.opsplane.platform.text.PrintableText;
import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.proto.observability.v1.LabelSet;
import io.opsplane.proto.observability.v1.LabelsResult;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.ResultType;
import io.opsplane.proto.observability.v1.Sample;
import io.opsplane.proto.observability.v1.Series;
import io.opsplane.proto.observability.v1.SeriesResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the answers of the Prometheus HTTP API ({@code {"status": "success", "data": ..., "warnings": [...]}}
 * or {@code {"status": "error", "errorType": ..., "error": ...}}) as they stream in, counting samples as it
 * goes: an answer over the limit is refused before it is all in memory. The reader does not depend on the
 * order of the fields, so any store with that API fits (Prometheus, VictoriaMetrics, Mimir, Thanos).
 */
public final class PrometheusResponses {

    /** Label names and values, and strings in general, longer than this are refused (a store never sends them). */
    static final int MAX_STRING_LENGTH = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(MAX_STRING_LENGTH).maxNumberLength(64).build())
            .build();

    private PrometheusResponses() {
    }

    /** The answer of {@code query} or {@code query_range}, with at most {@code maxSamples} samples. */
    public static QueryResult query(InputStream body, int httpStatus, int maxSamples) {
        return read(body, httpStatus, (parser, envelope) -> readQueryData(parser, envelope, maxSamples), envelope -> {
            QueryResult.Builder result = envelope.query == null ? QueryResult.newBuilder() : envelope.query;
            return result.addAllWarnings(envelope.warnings).build();
        });
    }

    /** The answer of {@code series}: at most {@code maxSeries} label sets. */
    public static SeriesResult series(InputStream body, int httpStatus, int maxSeries) {
        return read(body, httpStatus, (parser, envelope) -> {
            expect(parser, JsonToken.START_ARRAY, "data");
            SeriesResult.Builder series = SeriesResult.newBuilder();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (series.getSeriesCount() == maxSeries) {
                    throw tooLarge("series", maxSeries);
                }
                series.addSeries(LabelSet.newBuilder().putAllLabels(readLabels(parser)));
            }
            envelope.series = series;
        }, envelope -> (envelope.series == null ? SeriesResult.newBuilder() : envelope.series)
                .addAllWarnings(envelope.warnings).build());
    }

    /** The answer of {@code labels} or {@code label/<name>/values}: at most {@code maxValues} strings. */
    public static LabelsResult labels(InputStream body, int httpStatus, int maxValues) {
        return read(body, httpStatus, (parser, envelope) -> {
            expect(parser, JsonToken.START_ARRAY, "data");
            LabelsResult.Builder labels = LabelsResult.newBuilder();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (labels.getValuesCount() == maxValues) {
                    throw tooLarge("label values", maxValues);
                }
                labels.addValues(string(parser, "data[]"));
            }
            envelope.labels = labels;
        }, envelope -> (envelope.labels == null ? LabelsResult.newBuilder() : envelope.labels)
                .addAllWarnings(envelope.warnings).build());
    }

    /** The answer of {@code status/buildinfo}: its string fields. */
    public static BuildInfoResult buildInfo(InputStream body, int httpStatus) {
        return read(body, httpStatus, (parser, envelope) -> {
            expect(parser, JsonToken.START_OBJECT, "data");
            BuildInfoResult.Builder info = BuildInfoResult.newBuilder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    info.putInfo(name, parser.getText());
                } else {
                    parser.skipChildren(); // features, lists: not version information
                }
            }
            envelope.buildInfo = info;
        }, envelope -> envelope.buildInfo == null ? BuildInfoResult.getDefaultInstance() : envelope.buildInfo.build());
    }

    /** {@code /api/v1/targets}: the active targets (at most {@code maxTargets}); dropped ones are skipped. */
    public static List<ActiveTarget> targets(InputStream body, int httpStatus, int maxTargets) {
        return read(body, httpStatus, (parser, envelope) -> {
            expect(parser, JsonToken.START_OBJECT, "data");
            List<ActiveTarget> targets = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals("activeTargets") || parser.currentToken() == JsonToken.VALUE_NULL) {
                    parser.skipChildren();
                    continue;
                }
                expect(parser, JsonToken.START_ARRAY, "data.activeTargets");
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (targets.size() == maxTargets) {
                        throw tooLarge("targets", maxTargets);
                    }
                    targets.add(target(parser));
                }
            }
            envelope.targets = targets;
        }, envelope -> envelope.targets == null ? List.of() : envelope.targets);
    }

    private static ActiveTarget target(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "data.activeTargets[]");
        Map<String, String> labels = Map.of();
        Instant lastScrape = null;
        Duration duration = Duration.ZERO;
        Duration interval = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "labels" -> labels = readLabels(parser);
                case "lastScrape" -> lastScrape = scrapeTime(string(parser, "lastScrape"));
                case "lastScrapeDuration" -> {
                    if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
                        throw malformed("lastScrapeDuration is not a number");
                    }
                    duration = Duration.ofNanos(Math.max(0, Math.round(parser.getDoubleValue() * 1e9)));
                }
                case "scrapeInterval" -> interval = goDuration(string(parser, "scrapeInterval"));
                default -> parser.skipChildren();
            }
        }
        return new ActiveTarget(labels, lastScrape, duration, interval);
    }

    /** An RFC 3339 time; Go's zero time (never scraped) is null. */
    private static Instant scrapeTime(String text) {
        try {
            Instant time = OffsetDateTime.parse(text).toInstant();
            return time.getEpochSecond() <= 0 ? null : time;
        } catch (DateTimeParseException e) {
            throw malformed("lastScrape '" + PrintableText.of(text, 64) + "' is not a time");
        }
    }

    private static Duration goDuration(String text) {
        try {
            return Duration.ofMillis(Durations.parseMillis(text));
        } catch (RuntimeException e) {
            return null; // an interval this reader does not know only costs the alignment its precision
        }
    }

    // ------------------------------------------------------------------ the envelope

    /** What the top level of an answer said, filled field by field. */
    private static final class Envelope {
        String status;
        String errorType;
        String error;
        boolean hasData;
        final List<String> warnings = new ArrayList<>();
        QueryResult.Builder query;
        SeriesResult.Builder series;
        LabelsResult.Builder labels;
        BuildInfoResult.Builder buildInfo;
        List<ActiveTarget> targets;
    }

    @FunctionalInterface
    private interface DataReader {
        void read(JsonParser parser, Envelope envelope) throws IOException;
    }

    private static <T> T read(InputStream body, int httpStatus, DataReader data,
            java.util.function.Function<Envelope, T> result) {
        Envelope envelope = new Envelope();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notTheApi(httpStatus, "not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "status" -> envelope.status = string(parser, "status");
                    case "errorType" -> envelope.errorType = string(parser, "errorType");
                    case "error" -> envelope.error = string(parser, "error");
                    case "warnings", "infos" -> {
                        if (parser.currentToken() == JsonToken.START_ARRAY) {
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                envelope.warnings.add(string(parser, field + "[]"));
                            }
                        } else if (parser.currentToken() != JsonToken.VALUE_NULL) {
                            throw malformed(field + " is not a list");
                        }
                    }
                    case "data" -> {
                        if (parser.currentToken() != JsonToken.VALUE_NULL && !"error".equals(envelope.status)) {
                            data.read(parser, envelope);
                            envelope.hasData = true;
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw notTheApi(httpStatus, e.getOriginalMessage());
        } catch (IOException e) {
            throw new MetricsStoreException(Kind.UNAVAILABLE, "the metrics store's answer broke off: " + e.getMessage(), e);
        }
        if ("error".equals(envelope.status) || httpStatus >= 400) {
            String message = envelope.error != null ? envelope.error : "HTTP " + httpStatus + " without a message";
            Kind kind = envelope.errorType != null ? MetricsStoreException.kindOf(envelope.errorType)
                    : httpStatus == 404 ? Kind.NOT_FOUND : Kind.UNAVAILABLE;
            throw new MetricsStoreException(kind, message);
        }
        if (!"success".equals(envelope.status)) {
            throw notTheApi(httpStatus, "status is " + (envelope.status == null ? "missing" : "'" + envelope.status + "'"));
        }
        if (!envelope.hasData) {
            throw notTheApi(httpStatus, "no data");
        }
        return result.apply(envelope);
    }

    // ------------------------------------------------------------------ query data

    private static void readQueryData(JsonParser parser, Envelope envelope, int maxSamples) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "data");
        String resultType = null;
        List<Series> series = null;
        Sample point = null;
        String text = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "resultType" -> resultType = string(parser, "data.resultType");
                case "result" -> {
                    if (parser.currentToken() == JsonToken.START_ARRAY) {
                        // A list of series, or one [time, "value"] pair (scalar and string results).
                        JsonToken first = parser.nextToken();
                        if (first == JsonToken.VALUE_NUMBER_FLOAT || first == JsonToken.VALUE_NUMBER_INT) {
                            long time = timestamp(parser);
                            parser.nextToken();
                            text = string(parser, "data.result[1]");
                            if (parser.nextToken() != JsonToken.END_ARRAY) {
                                throw malformed("data.result is a pair with more than two elements");
                            }
                            point = Sample.newBuilder().setTimestampMs(time).build();
                        } else {
                            series = readSeries(parser, first, maxSamples);
                        }
                    } else if (parser.currentToken() == JsonToken.VALUE_NULL) {
                        series = List.of();
                    } else {
                        throw malformed("data.result is not a list");
                    }
                }
                default -> parser.skipChildren();
            }
        }
        ResultType type = switch (resultType == null ? "" : resultType) {
            case "vector" -> ResultType.VECTOR;
            case "matrix" -> ResultType.MATRIX;
            case "scalar" -> ResultType.SCALAR;
            case "string" -> ResultType.STRING;
            default -> throw malformed("data.resultType is " + (resultType == null ? "missing" : "'" + resultType + "'"));
        };
        QueryResult.Builder result = QueryResult.newBuilder().setResultType(type);
        if (type == ResultType.VECTOR || type == ResultType.MATRIX) {
            if (point != null) {
                throw malformed("data.result of a " + resultType + " is not a list of series");
            }
            result.addAllSeries(series == null ? List.of() : series);
        } else {
            if (point == null) {
                throw malformed("data.result of a " + resultType + " is not a [time, value] pair");
            }
            if (type == ResultType.SCALAR) {
                result.setPoint(point.toBuilder().setValue(value(text)));
            } else {
                result.setPoint(point).setStringValue(text);
            }
        }
        envelope.query = result;
    }

    /** The series of a vector or matrix; {@code first} is the token after the list's start. */
    private static List<Series> readSeries(JsonParser parser, JsonToken first, int maxSamples) throws IOException {
        List<Series> all = new ArrayList<>();
        int samples = 0;
        for (JsonToken token = first; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw malformed("data.result[] is not a series object");
            }
            Series.Builder series = Series.newBuilder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "metric" -> series.putAllLabels(readLabels(parser));
                    case "value" -> {
                        samples = count(samples, 1, maxSamples);
                        series.addSamples(pair(parser));
                    }
                    case "values" -> {
                        expect(parser, JsonToken.START_ARRAY, "data.result[].values");
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            samples = count(samples, 1, maxSamples);
                            series.addSamples(pair(parser));
                        }
                    }
                    case "histogram", "histograms" -> throw new MetricsStoreException(Kind.EXECUTION,
                            "the query returns native histograms, which this API does not carry yet");
                    default -> parser.skipChildren();
                }
            }
            all.add(series.build());
        }
        return all;
    }

    private static int count(int samples, int more, int max) {
        if (samples + more > max) {
            throw tooLarge("samples", max);
        }
        return samples + more;
    }

    /** A {@code [time, "value"]} pair, the parser on its start. */
    private static Sample pair(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "sample");
        parser.nextToken();
        long time = timestamp(parser);
        parser.nextToken();
        double value = value(string(parser, "sample value"));
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw malformed("a sample has more than two elements");
        }
        return Sample.newBuilder().setTimestampMs(time).setValue(value).build();
    }

    /** Seconds since the epoch, a number with up to millisecond precision, as milliseconds. */
    private static long timestamp(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed("a sample time is not a number");
        }
        try {
            return new BigDecimal(parser.getText()).movePointRight(3)
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw malformed("a sample time is out of range: " + parser.getText());
        }
    }

    /** A sample value as the API writes it: a decimal, NaN, +Inf or -Inf, in a string. */
    static double value(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (text.isEmpty() || text.length() > 64 || !text.matches("[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?")) {
                    throw malformed("a sample value is not a number: '" + text + "'");
                }
                return Double.parseDouble(text);
        }
    }

    private static Map<String, String> readLabels(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "labels");
        Map<String, String> labels = new java.util.TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            labels.put(name, string(parser, "label " + name));
        }
        return labels;
    }

    private static String string(JsonParser parser, String what) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(what + " is not a string");
        }
        return parser.getText();
    }

    private static void expect(JsonParser parser, JsonToken token, String what) {
        if (parser.currentToken() != token) {
            throw malformed(what + " is not " + (token == JsonToken.START_ARRAY ? "a list" : "an object"));
        }
    }

    private static MetricsStoreException tooLarge(String what, int max) {
        return new MetricsStoreException(Kind.TOO_LARGE, "the answer holds more than " + max + " " + what
                + " (the limit); narrow the query: fewer series, a shorter range or a larger step");
    }

    private static MetricsStoreException malformed(String what) {
        return new MetricsStoreException(Kind.UNAVAILABLE, "the metrics store's answer is not Prometheus's API: " + what);
    }

    private static MetricsStoreException notTheApi(int httpStatus, String what) {
        return new MetricsStoreException(Kind.UNAVAILABLE, "the metrics store answered HTTP " + httpStatus
                + " with something that is not Prometheus's API (" + what + ")");
    }
}
