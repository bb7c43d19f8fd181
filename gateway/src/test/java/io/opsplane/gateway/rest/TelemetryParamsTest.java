package io.opsplane.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryParamsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            250ms  ; 0 ; 250000000
            2s     ; 2 ; 0
            1.5s   ; 1 ; 500000000
            10us   ; 0 ; 10000
            PT0.1S ; 0 ; 100000000
            """)
    void durationsAreReadInTheUsualUnits(String text, long seconds, int nanos) {
        var duration = TelemetryResource.duration("minDuration", text);
        assertEquals(seconds, duration.getSeconds());
        assertEquals(nanos, duration.getNanos());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            fast
            2
            ms
            P1X
            """)
    void otherDurationsAreRefusedNamingTheParameter(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetryResource.duration("maxDuration", text));
        assertTrue(e.getMessage().startsWith("maxDuration must be a duration"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            trace ; 1
            DEBUG ; 5
            info  ; 9
            warn  ; 13
            error ; 17
            fatal ; 21
            24    ; 24
            """)
    void severitiesAreNamesOrOtlpNumbers(String text, int number) {
        assertEquals(number, TelemetryResource.severity(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            0
            25
            loud
            """)
    void otherSeveritiesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> TelemetryResource.severity(text));
    }
}
