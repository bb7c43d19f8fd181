package io.opsplane.observability.telemetry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** OTLP messages for tests, built with the generated classes. */
public final class Otlp {

    private Otlp() {
    }

    public static String randomTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }

    public static String randomSpanId() {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }

    public static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    public static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    public static Span.Builder span(String traceId, String spanId, String parentSpanId, String name, Instant start,
            long durationNanos) {
        Span.Builder span = Span.newBuilder().setTraceId(id(traceId)).setSpanId(id(spanId)).setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(nanos(start))
                .setEndTimeUnixNano(nanos(start) + durationNanos).setStatus(Status.getDefaultInstance());
        if (!parentSpanId.isEmpty()) {
            span.setParentSpanId(id(parentSpanId));
        }
        return span;
    }

    public static ExportTraceServiceRequest traces(String service, List<Span> spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build();
    }

    public static LogRecord.Builder log(Instant time, int severity, String body) {
        return LogRecord.newBuilder().setTimeUnixNano(nanos(time)).setObservedTimeUnixNano(nanos(time))
                .setSeverityNumberValue(severity).setBody(AnyValue.newBuilder().setStringValue(body));
    }

    public static ExportLogsServiceRequest logs(String service, List<LogRecord> records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records))).build();
    }
}
