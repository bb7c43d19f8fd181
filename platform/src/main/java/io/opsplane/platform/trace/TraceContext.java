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
}
