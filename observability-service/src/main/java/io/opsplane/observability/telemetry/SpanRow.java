package io.opsplane.observability.telemetry;

/**
 * One span as stored: ids in lower-case hex, times in nanoseconds since the epoch, attributes and events as
 * bounded JSON.
 */
public record SpanRow(String traceId, String spanId, String parentSpanId, String service, String operation,
        int kind, long startNanos, long durationNanos, int status, String statusMessage, String attributesJson,
        int droppedAttributes, String eventsJson) {
}
