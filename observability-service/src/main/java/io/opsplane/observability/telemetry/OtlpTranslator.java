package io.opsplane.observability.telemetry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP export requests into bounded rows. Refuses a request whole ({@link TelemetryRejected}) when it holds more
 * items than allowed, a string with NUL, or a string value past the refusal size; rejects single items (OTLP's
 * partial success) whose ids are malformed, whose times are inverted or outside the stored window; truncates
 * long values with a marker and drops attributes past the limit, counting them.
 */
public final class OtlpTranslator {

    public static final String UNKNOWN_SERVICE = "unknown_service";
    private static final int MAX_DEPTH = 4;
    private static final HexFormat HEX = HexFormat.of();

    private final TelemetryLimits limits;
    private final long minNanos;
    private final long maxNanos;

    /** Accepts items whose time is within [{@code minNanos}, {@code maxNanos}] (the partitions that exist). */
    public OtlpTranslator(TelemetryLimits limits, long minNanos, long maxNanos) {
        this.limits = limits;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
    }

    public Translated<SpanRow> spans(ExportTraceServiceRequest request) {
        long count = 0;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                count += scope.getSpansCount();
            }
        }
        if (count > limits.maxItems()) {
            throw new TelemetryRejected(413, "the request holds " + count + " spans, more than the "
                    + limits.maxItems() + " allowed in one request; send smaller batches");
        }
        List<SpanRow> rows = new ArrayList<>((int) count);
        Rejections rejections = new Rejections();
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resource = request.getResourceSpans(r);
            String where = "resourceSpans[" + r + "]";
            Map<String, String> resourceAttributes = new LinkedHashMap<>();
            int resourceDropped = attributes(resource.getResource().getAttributesList(), resourceAttributes,
                    where + ".resource");
            String service = service(resourceAttributes);
            for (int s = 0; s < resource.getScopeSpansCount(); s++) {
                ScopeSpans scope = resource.getScopeSpans(s);
                for (int i = 0; i < scope.getSpansCount(); i++) {
                    Span span = scope.getSpans(i);
                    String at = where + ".scopeSpans[" + s + "].spans[" + i + "]";
                    Map<String, String> attributes = new LinkedHashMap<>(resourceAttributes);
                    int dropped = resourceDropped + span.getDroppedAttributesCount()
                            + attributes(span.getAttributesList(), attributes, at);
                    String operation = bounded(span.getName(), at + ".name");
                    String statusMessage = bounded(span.getStatus().getMessage(), at + ".status.message");
                    String events = events(span, at);
                    String problem = spanProblem(span);
                    if (problem != null) {
                        rejections.add(at + ": " + problem);
                        continue;
                    }
                    rows.add(new SpanRow(HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            span.getParentSpanId().isEmpty() ? "" : HEX.formatHex(span.getParentSpanId().toByteArray()),
                            service, operation, span.getKindValue(), span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano() - span.getStartTimeUnixNano(), span.getStatus().getCodeValue(),
                            statusMessage, object(attributes), dropped, events));
                }
            }
        }
        return new Translated<>(rows, rejections.count, rejections.first);
    }

    public Translated<LogRow> logs(ExportLogsServiceRequest request) {
        long count = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                count += scope.getLogRecordsCount();
            }
        }
        if (count > limits.maxItems()) {
            throw new TelemetryRejected(413, "the request holds " + count + " log records, more than the "
                    + limits.maxItems() + " allowed in one request; send smaller batches");
        }
        List<LogRow> rows = new ArrayList<>((int) count);
        Rejections rejections = new Rejections();
        for (int r = 0; r < request.getResourceLogsCount(); r++) {
            ResourceLogs resource = request.getResourceLogs(r);
            String where = "resourceLogs[" + r + "]";
            Map<String, String> resourceAttributes = new LinkedHashMap<>();
            int resourceDropped = attributes(resource.getResource().getAttributesList(), resourceAttributes,
                    where + ".resource");
            String service = service(resourceAttributes);
            for (int s = 0; s < resource.getScopeLogsCount(); s++) {
                ScopeLogs scope = resource.getScopeLogs(s);
                for (int i = 0; i < scope.getLogRecordsCount(); i++) {
                    LogRecord record = scope.getLogRecords(i);
                    String at = where + ".scopeLogs[" + s + "].logRecords[" + i + "]";
                    Map<String, String> attributes = new LinkedHashMap<>(resourceAttributes);
                    int dropped = resourceDropped + record.getDroppedAttributesCount()
                            + attributes(record.getAttributesList(), attributes, at);
                    String body = record.getBody().getValueCase() == AnyValue.ValueCase.STRING_VALUE
                            ? bounded(record.getBody().getStringValue(), at + ".body")
                            : record.getBody().getValueCase() == AnyValue.ValueCase.VALUE_NOT_SET ? ""
                            : value(record.getBody(), at + ".body", 0);
                    String severityText = bounded(record.getSeverityText(), at + ".severityText");
                    long time = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano()
                            : record.getObservedTimeUnixNano();
                    String problem = logProblem(record, time);
                    if (problem != null) {
                        rejections.add(at + ": " + problem);
                        continue;
                    }
                    rows.add(new LogRow(time, record.getObservedTimeUnixNano() == 0 ? time
                            : record.getObservedTimeUnixNano(), service, record.getSeverityNumberValue(),
                            severityText.length() > 64 ? severityText.substring(0, 64) : severityText, body,
                            record.getTraceId().isEmpty() ? "" : HEX.formatHex(record.getTraceId().toByteArray()),
                            record.getSpanId().isEmpty() ? "" : HEX.formatHex(record.getSpanId().toByteArray()),
                            object(attributes), dropped));
                }
            }
        }
        return new Translated<>(rows, rejections.count, rejections.first);
    }

    private String spanProblem(Span span) {
        if (!validId(span.getTraceId(), 16)) {
            return "traceId must be 16 bytes, not all zero (has " + span.getTraceId().size() + ")";
        }
        if (!validId(span.getSpanId(), 8)) {
            return "spanId must be 8 bytes, not all zero (has " + span.getSpanId().size() + ")";
        }
        if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
            return "parentSpanId must be empty or 8 bytes (has " + span.getParentSpanId().size() + ")";
        }
        if (span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
            return "endTimeUnixNano is before startTimeUnixNano";
        }
        return window(span.getStartTimeUnixNano(), "startTimeUnixNano");
    }

    private String logProblem(LogRecord record, long time) {
        if (!record.getTraceId().isEmpty() && !validId(record.getTraceId(), 16)) {
            return "traceId must be empty or 16 bytes, not all zero (has " + record.getTraceId().size() + ")";
        }
        if (!record.getSpanId().isEmpty() && !validId(record.getSpanId(), 8)) {
            return "spanId must be empty or 8 bytes, not all zero (has " + record.getSpanId().size() + ")";
        }
        if (time == 0) {
            return "neither timeUnixNano nor observedTimeUnixNano is set";
        }
        return window(time, "timeUnixNano");
    }

    private String window(long nanos, String field) {
        if (Long.compareUnsigned(nanos, minNanos) < 0 || Long.compareUnsigned(nanos, maxNanos) > 0) {
            return field + " " + Long.toUnsignedString(nanos) + " is outside the stored window (the retention "
                    + "before now to a day ahead)";
        }
        return null;
    }

    private static boolean validId(ByteString id, int size) {
        if (id.size() != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    private static String service(Map<String, String> resourceAttributes) {
        String json = resourceAttributes.get("service.name");
        if (json != null && json.length() > 2 && json.startsWith("\"")) {
            String name = unquote(json);
            return name.length() > 256 ? name.substring(0, 256) : name;
        }
        return UNKNOWN_SERVICE;
    }

    /** The plain text of a JSON string this class wrote. */
    private static String unquote(String json) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                char next = json.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Adds {@code list} to {@code into} (key → JSON value) up to the limit; answers how many were dropped. */
    private int attributes(List<KeyValue> list, Map<String, String> into, String where) {
        int dropped = 0;
        for (KeyValue attribute : list) {
            String key = attribute.getKey();
            String at = where + ".attributes['" + printable(key) + "']";
            checkString(key, at + " key");
            if (into.size() >= limits.maxAttributes() && !into.containsKey(key)) {
                dropped++;
                continue;
            }
            into.put(key.length() > 256 ? key.substring(0, 256) : key, value(attribute.getValue(), at, 0));
        }
        return dropped;
    }

    private String events(Span span, String where) {
        StringBuilder out = new StringBuilder("[");
        int kept = 0;
        for (int e = 0; e < span.getEventsCount() && kept < limits.maxEvents(); e++, kept++) {
            Span.Event event = span.getEvents(e);
            String at = where + ".events[" + e + "]";
            Map<String, String> attributes = new LinkedHashMap<>();
            int dropped = event.getDroppedAttributesCount() + attributes(event.getAttributesList(), attributes, at);
            if (kept > 0) {
                out.append(',');
            }
            out.append("{\"name\":");
            Json.string(out, bounded(event.getName(), at + ".name"));
            out.append(",\"timeUnixNano\":").append(Long.toUnsignedString(event.getTimeUnixNano()))
                    .append(",\"attributes\":").append(object(attributes));
            if (dropped > 0) {
                out.append(",\"droppedAttributes\":").append(dropped);
            }
            out.append('}');
        }
        return out.append(']').toString();
    }

    /** One OTLP value as JSON: strings bounded, bytes in base64, arrays and maps nested a few levels. */
    private String value(AnyValue value, String where, int depth) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> Json.string(bounded(value.getStringValue(), where));
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? Double.toString(value.getDoubleValue())
                    : Json.string(Double.toString(value.getDoubleValue()));
            case BYTES_VALUE -> {
                if (value.getBytesValue().size() > limits.refuseValueBytes()) {
                    throw tooLong(where, value.getBytesValue().size());
                }
                yield Json.string(bounded(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()),
                        where));
            }
            case ARRAY_VALUE -> {
                if (depth >= MAX_DEPTH) {
                    yield Json.string("[nested deeper than " + MAX_DEPTH + " levels]");
                }
                StringBuilder out = new StringBuilder("[");
                int n = Math.min(value.getArrayValue().getValuesCount(), limits.maxAttributes());
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(value(value.getArrayValue().getValues(i), where + "[" + i + "]", depth + 1));
                }
                yield out.append(']').toString();
            }
            case KVLIST_VALUE -> {
                if (depth >= MAX_DEPTH) {
                    yield Json.string("{nested deeper than " + MAX_DEPTH + " levels}");
                }
                Map<String, String> nested = new LinkedHashMap<>();
                for (KeyValue kv : value.getKvlistValue().getValuesList()) {
                    checkString(kv.getKey(), where + " key");
                    if (nested.size() < limits.maxAttributes()) {
                        nested.put(kv.getKey(), value(kv.getValue(), where + "." + printable(kv.getKey()), depth + 1));
                    }
                }
                yield object(nested);
            }
            default -> "null";
        };
    }

    /** {@code text} checked, cut to the limit with a marker naming how much was cut. */
    String bounded(String text, String where) {
        checkString(text, where);
        if (text.length() <= limits.maxValueChars()) {
            return text;
        }
        int cut = limits.maxValueChars();
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + truncationMarker(text.length() - cut);
    }

    /** What ends a truncated value. */
    public static String truncationMarker(int charsCut) {
        return "…[truncated " + charsCut + " chars]";
    }

    private void checkString(String text, String where) {
        if (text.length() > limits.refuseValueBytes()
                || (text.length() * 3L > limits.refuseValueBytes()
                        && text.getBytes(StandardCharsets.UTF_8).length > limits.refuseValueBytes())) {
            throw tooLong(where, text.getBytes(StandardCharsets.UTF_8).length);
        }
        if (text.indexOf('\0') >= 0) {
            throw new TelemetryRejected(400, where + " contains a NUL character");
        }
    }

    private TelemetryRejected tooLong(String where, int bytes) {
        return new TelemetryRejected(400, where + " is " + bytes + " bytes, more than the " + limits.refuseValueBytes()
                + " a value may have (values over " + limits.maxValueChars() + " characters are kept truncated)");
    }

    private static String object(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        members.forEach((key, json) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            Json.string(out, key);
            out.append(':').append(json);
        });
        return out.append('}').toString();
    }

    private static String printable(String key) {
        String shown = key.length() > 64 ? key.substring(0, 64) + "…" : key;
        return shown.replace('\0', '?');
    }

    private static final class Rejections {
        long count;
        String first = "";

        void add(String reason) {
            if (count++ == 0) {
                first = reason;
            }
        }
    }
}
