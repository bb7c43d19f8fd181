package io.opsplane.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TraceparentFormatTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("00-" + TRACE_ID + "-" + SPAN_ID + "-01", TRACE_ID),
                Arguments.of("00-" + TRACE_ID + "-" + SPAN_ID + "-00", TRACE_ID),
                Arguments.of("01-" + TRACE_ID + "-" + SPAN_ID + "-01", TRACE_ID),
                Arguments.of("00-00000000000000000000000000000001-" + SPAN_ID + "-01",
                        "00000000000000000000000000000001"),
                Arguments.of("00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-ff",
                        "ffffffffffffffffffffffffffffffff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void wellFormedTraceparentsAreValidAndYieldTheirTraceId(String traceparent, String traceId) {
        assertTrue(TraceparentFormat.isValid(traceparent));
        assertEquals(traceId, TraceparentFormat.traceIdOf(traceparent));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("all-zero trace id", "00-" + "0".repeat(32) + "-" + SPAN_ID + "-01"),
                Arguments.of("uppercase trace id", "00-" + TRACE_ID.toUpperCase() + "-" + SPAN_ID + "-01"),
                Arguments.of("one uppercase hex digit", "00-4BF92f3577b34da6a3ce929d0e0e4736-" + SPAN_ID + "-01"),
                Arguments.of("uppercase span id", "00-" + TRACE_ID + "-00F067AA0BA902B7-01"),
                Arguments.of("uppercase flags", "00-" + TRACE_ID + "-" + SPAN_ID + "-0A"),
                Arguments.of("uppercase version", "0A-" + TRACE_ID + "-" + SPAN_ID + "-01"),
                Arguments.of("31-digit trace id", "00-" + TRACE_ID.substring(1) + "-" + SPAN_ID + "-01"),
                Arguments.of("33-digit trace id", "00-" + TRACE_ID + "a-" + SPAN_ID + "-01"),
                Arguments.of("15-digit span id", "00-" + TRACE_ID + "-" + SPAN_ID.substring(1) + "-01"),
                Arguments.of("17-digit span id", "00-" + TRACE_ID + "-" + SPAN_ID + "a-01"),
                Arguments.of("1-digit flags", "00-" + TRACE_ID + "-" + SPAN_ID + "-1"),
                Arguments.of("3-digit flags", "00-" + TRACE_ID + "-" + SPAN_ID + "-011"),
                Arguments.of("1-digit version", "0-" + TRACE_ID + "-" + SPAN_ID + "-01"),
                Arguments.of("3-digit version", "000-" + TRACE_ID + "-" + SPAN_ID + "-01"),
                Arguments.of("missing flags", "00-" + TRACE_ID + "-" + SPAN_ID),
                Arguments.of("underscores", "00_" + TRACE_ID + "_" + SPAN_ID + "_01"),
                Arguments.of("non-hex digit", "00-" + TRACE_ID.substring(1) + "g-" + SPAN_ID + "-01"),
                Arguments.of("trailing field", "00-" + TRACE_ID + "-" + SPAN_ID + "-01-extra"),
                Arguments.of("leading space", " 00-" + TRACE_ID + "-" + SPAN_ID + "-01"),
                Arguments.of("trailing newline", "00-" + TRACE_ID + "-" + SPAN_ID + "-01\n"),
                Arguments.of("trace id only", TRACE_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void malformedTraceparentsAreInvalidAndYieldNoTraceId(String label, String traceparent) {
        assertFalse(TraceparentFormat.isValid(traceparent));
        assertNull(TraceparentFormat.traceIdOf(traceparent));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreInvalid(String traceparent) {
        assertFalse(TraceparentFormat.isValid(traceparent));
        assertNull(TraceparentFormat.traceIdOf(traceparent));
    }
}
