package io.opsplane.observability.alerting.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.alerting.support.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintTest {

    /** Expected values from an independent FNV-1a 64 implementation of Prometheus' labelSetToFingerprint. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            -                                               ; cbf29ce484222325
            alertname=HighLatency                           ; 73dbeed5635ea4e4
            severity=critical service=db alertname=HighLatency ; 52abb4dd02d696b5
            a=é                                             ; 0019cb2f2449a23e
            """)
    void matchesPrometheusFingerprints(String labels, String expected) {
        assertEquals(expected, Fingerprint.of(Labels.parse(labels)));
    }

    @Test
    void theSeparatorKeepsNamesAndValuesApart() {
        assertNotEquals(Fingerprint.of(Map.of("a", "b", "c", "")), Fingerprint.of(Map.of("ab", "c")));
    }

    @Test
    void anAlertIsResolvedOnceItsEndHasCome() {
        Instant end = Instant.parse("2026-01-01T10:00:00Z");
        Alert alert = new Alert(Map.of("a", "1"), Map.of(), end.minusSeconds(60), Optional.of(end), "");
        assertFalse(alert.resolvedAt(end.minusMillis(1)));
        assertTrue(alert.resolvedAt(end));
        assertFalse(new Alert(Map.of(), Map.of(), end, Optional.empty(), "").resolvedAt(end.plusSeconds(3600)));
    }
}
