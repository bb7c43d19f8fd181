package io.opsplane.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static Stream<String> saneIds() {
        return Stream.of(
                "a",
                "req-123",
                "a.b_c:d-e",
                "0190a8f2-7c1e-7b3a-9d4e-1f2a3b4c5d6e",
                "X".repeat(128));
    }

    @ParameterizedTest
    @MethodSource("saneIds")
    void aSaneHeaderIsUsedAsIs(String requested) {
        assertEquals(requested, Correlation.resolve(requested));
    }

    static Stream<String> insaneIds() {
        return Stream.of(
                "",
                "X".repeat(129),
                "has space",
                "a/b",
                "a,b",
                "<script>",
                "caf\u00e9",
                "line\nbreak",
                "trailing-newline\n",
                "nul\u0000");
    }

    @ParameterizedTest
    @NullSource
    @MethodSource("insaneIds")
    void outsideASpanAnythingElseIsReplacedByAFreshUuid(String requested) {
        String resolved = Correlation.resolve(requested);

        assertFalse(resolved.isEmpty());
        assertNotEquals(requested, resolved);
        assertEquals(resolved, UUID.fromString(resolved).toString());
    }

    @Test
    void freshIdsDifferFromCallToCall() {
        assertNotEquals(Correlation.resolve(null), Correlation.resolve(null));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "has space", "a/b"})
    void insideASpanAnInvalidHeaderIsReplacedByTheTraceId(String requested) {
        SpanContext context = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope ignored = Context.current().with(Span.wrap(context)).makeCurrent()) {
            assertEquals(TRACE_ID, Correlation.resolve(requested));
        }
    }

    @Test
    void insideASpanASaneHeaderStillWins() {
        SpanContext context = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope ignored = Context.current().with(Span.wrap(context)).makeCurrent()) {
            assertEquals("req-123", Correlation.resolve("req-123"));
        }
    }

    @Test
    void theHeaderAndBaggageNamesAreTheOnesTheServicesRead() {
        assertEquals("X-Correlation-Id", Correlation.HEADER);
        assertEquals("opsplane.correlation_id", Correlation.BAGGAGE_KEY);
    }
}
