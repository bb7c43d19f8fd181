package io.opsplane.gateway.trace;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of a request: the caller's {@code X-Correlation-Id} when it is sane, else the trace
 * id. It travels to the services as W3C baggage under the key the services read
 * ({@code io.opsplane.platform.trace.TraceContext#CORRELATION_ID}) and ends up on every event.
 */
public final class Correlation {

    public static final String HEADER = "X-Correlation-Id";
    public static final String BAGGAGE_KEY = "opsplane.correlation_id";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private Correlation() {
    }

    public static String resolve(String requested) {
        if (requested != null && SANE.matcher(requested).matches()) {
            return requested;
        }
        String traceId = Span.current().getSpanContext().getTraceId();
        return Span.current().getSpanContext().isValid() ? traceId : UUID.randomUUID().toString();
    }

    /** Makes {@code correlationId} part of the current context, for the calls made while the scope is open. */
    public static Scope open(String correlationId) {
        return Context.current().with(Baggage.current().toBuilder().put(BAGGAGE_KEY, correlationId).build())
                .makeCurrent();
    }
}
