package io.opsplane.observability.alerting.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.alerting.support.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);

    /** Offsets are seconds after T0; "-" is no end. Expected: start, end and summary of the stored alert. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            no end fires until the resolve timeout    ; 0;-  ;a ; -  ;- ;- ;b ; 0 ;300;a
            resend without end extends                ; 0;-  ;a ; 0  ;- ;60;b ; 0 ;360;b
            overlapping resend keeps earliest start   ;10;-  ;a ; 0  ;- ;20;b ; 0 ;320;b
            resend with an end resolves it            ; 0;-  ;a ; 0  ;30;40;b ; 0 ;30 ;b
            start after the stored end is a new one   ; 0;30 ;a ; 60 ;- ;60;b ; 60;360;b
            start at the stored end merges            ; 0;30 ;a ; 30 ;- ;30;b ; 0 ;330;b
            """)
    void mergesRepeatedSendsOfOneAlert(String description, long start1, String end1, String summary1, String start2,
            String end2, String received2, String summary2, long expectedStart, long expectedEnd,
            String expectedSummary) {
        AlertStore store = new AlertStore();
        store.put(List.of(alert(start1, end1, summary1)), T0, RESOLVE_TIMEOUT);
        if (!start2.equals("-")) {
            store.put(List.of(alert(Long.parseLong(start2), end2, summary2)), T0.plusSeconds(Long.parseLong(received2)),
                    RESOLVE_TIMEOUT);
        }
        Alert stored = store.all().get(0);
        assertEquals(1, store.all().size());
        assertEquals(T0.plusSeconds(expectedStart), stored.startsAt(), "startsAt");
        assertEquals(Optional.of(T0.plusSeconds(expectedEnd)), stored.endsAt(), "endsAt");
        assertEquals(expectedSummary, stored.annotations().get("summary"));
    }

    @ParameterizedTest(name = "[{index}] resolved at +{0}s, forgotten after 15 min at +{1}s: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            30 ; 900  ; 0
            30 ; 930  ; 1
            30 ; 2000 ; 1
            """)
    void forgetsAlertsResolvedLongerThanTheRetention(long end, long now, int forgotten) {
        AlertStore store = new AlertStore();
        store.put(List.of(alert(0, String.valueOf(end), "a"), alert(0, "-", "b", "other")), T0, Duration.ofDays(1));
        assertEquals(forgotten, store.forgetResolved(T0.plusSeconds(now), Duration.ofMinutes(15)));
        assertEquals(2 - forgotten, store.all().size());
    }

    private static Alert alert(long start, String end, String summary) {
        return alert(start, end, summary, "HighLatency");
    }

    private static Alert alert(long start, String end, String summary, String name) {
        Optional<Instant> endsAt = end.equals("-") ? Optional.empty() : Optional.of(T0.plusSeconds(Long.parseLong(end)));
        return new Alert(Labels.parse("alertname=" + name + " service=db"), Map.of("summary", summary),
                T0.plusSeconds(start), endsAt, "http://rules/1");
    }
}
