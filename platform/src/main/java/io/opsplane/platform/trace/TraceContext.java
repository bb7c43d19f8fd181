package io.opsplane.platform.trace;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace and correlation of the work in progress. The correlation id rides in W3C baggage so it
 * crosses REST and gRPC hops with the trace; events carry it as a CloudEvents extension.
 */
public final class TraceContext {

    /** Baggage key of the correlation id. */
    public static final String CORRELATION_ID = "opsplane.correlation_id";

    private TraceContext() {
    }

    /** The current span as a W3C traceparent, or {@code null} outside a sampled or valid span. */
    public static String currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The correlation id from baggage; else the current trace id; else {@code null}. */
    public static String currentCorrelationId() {
        String fromBaggage = Baggage.current().getEntryValue(CORRELATION_ID);
        if (fromBaggage != null && !fromBaggage.isBlank()) {
            return fromBaggage;
        }
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /**
     * The correlation id a call's own headers carry: the {@code opsplane.correlation_id} entry of W3C
     * {@code baggage}, else the trace id of {@code traceparent}, else {@code null}. For work done after
     * the call, when its trace context is no longer current.
     */
    public static String correlationIdOf(String baggage, String traceparent) {
        if (baggage != null) {
            for (String member : baggage.split(",")) {
                String entry = member.split(";", 2)[0].trim();
                int equals = entry.indexOf('=');
                if (equals > 0 && entry.substring(0, equals).trim().equals(CORRELATION_ID)) {
                    String value = java.net.URLDecoder.decode(entry.substring(equals + 1).trim(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    if (!value.isBlank()) {
                        return value;
                    }
                }
            }
        }
        if (traceparent != null) {
            String[] parts = traceparent.trim().split("-");
            if (parts.length == 4 && parts[1].length() == 32) {
                return parts[1];
            }
        }
        return null;
    }
}
