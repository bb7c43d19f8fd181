package io.opsplane.observability.telemetry;

/** One log record as stored; {@code traceId}/{@code spanId} are empty when the record belongs to no trace. */
public record LogRow(long timeNanos, long observedNanos, String service, int severityNumber, String severityText,
        String body, String traceId, String spanId, String attributesJson, int droppedAttributes) {
}
