package io.opsplane.healing.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentBookTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private static Instant minute(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    /**
     * Plays steps separated by {@code ;}: {@code fire A shop/prod critical @m}, {@code resolve A @m},
     * {@code mitigate @m}, {@code verify ok|fail @m}, {@code escalate @m}, {@code close @m} (the last four act on
     * the newest incident), and returns each incident as {@code application/environment:STATE:alerts}.
     */
    private static String play(String steps) {
        IncidentBook book = new IncidentBook(Duration.ofMinutes(10));
        for (String step : steps.split(";")) {
            String[] word = step.trim().split(" ");
            Instant at = minute(Integer.parseInt(word[word.length - 1].substring(1)));
            String newest = book.incidents().isEmpty() ? "" : book.incidents().get(book.incidents().size() - 1).id();
            switch (word[0]) {
                case "fire" -> {
                    String[] target = word[2].split("/");
                    book.record(AlertFact.firing(word[1], Map.of("alertname", word[1], "application", target[0],
                            "environment", target[1], "severity", word[3]), at));
                }
                case "resolve" -> book.record(AlertFact.resolved(word[1], Map.of(), at));
                case "mitigate" -> book.startMitigation(newest, "rollback", at);
                case "verify" -> book.verification(newest, word[1].equals("ok"), "error rate", at);
                case "escalate" -> book.escalate(newest, "rollback failed", at);
                case "close" -> book.resolve(newest, "alice", at);
                default -> throw new IllegalArgumentException(step);
            }
        }
        return String.join(" ", book.incidents().stream().map(incident -> incident.application() + "/"
                + incident.environment() + ":" + incident.state() + ":" + String.join(",", incident.alertIds()))
                .toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one alert opens                 | fire A shop/prod critical @0                                   | shop/prod:OPEN:A
            repeat firing is one alert      | fire A shop/prod critical @0; fire A shop/prod critical @1      | shop/prod:OPEN:A
            same target within window joins | fire A shop/prod critical @0; fire B shop/prod warning @10      | shop/prod:OPEN:A,B
            window follows the last firing  | fire A shop/prod critical @0; fire B shop/prod warning @9; fire C shop/prod info @18 | shop/prod:OPEN:A,B,C
            after the window opens anew     | fire A shop/prod critical @0; fire B shop/prod warning @11     | shop/prod:OPEN:A shop/prod:OPEN:B
            other environment apart         | fire A shop/prod critical @0; fire B shop/staging warning @1   | shop/prod:OPEN:A shop/staging:OPEN:B
            other application apart         | fire A shop/prod critical @0; fire B cart/prod warning @1      | shop/prod:OPEN:A cart/prod:OPEN:B
            unmitigated resolves with alerts | fire A shop/prod critical @0; resolve A @3                    | shop/prod:RESOLVED:A
            one of two alerts resolved      | fire A shop/prod critical @0; fire B shop/prod critical @1; resolve A @3 | shop/prod:OPEN:A,B
            resolved alert never seen       | resolve Z @1                                                   | ''
            new firing after resolution     | fire A shop/prod critical @0; resolve A @3; fire A shop/prod critical @4 | shop/prod:RESOLVED:A shop/prod:OPEN:A
            mitigation waits for verification | fire A shop/prod critical @0; mitigate @1; resolve A @2      | shop/prod:MITIGATING:A
            verified after alerts resolved  | fire A shop/prod critical @0; mitigate @1; resolve A @2; verify ok @3 | shop/prod:RESOLVED:A
            verified before alerts resolved | fire A shop/prod critical @0; mitigate @1; verify ok @2; resolve A @3 | shop/prod:RESOLVED:A
            failed verification holds       | fire A shop/prod critical @0; mitigate @1; resolve A @2; verify fail @3 | shop/prod:MITIGATING:A
            refiring voids a verification   | fire A shop/prod critical @0; fire B shop/prod critical @0; mitigate @1; verify ok @2; resolve A @3; fire C shop/prod critical @4; resolve B @5; resolve C @6 | shop/prod:MITIGATING:A,B,C
            escalated stays escalated       | fire A shop/prod critical @0; mitigate @1; escalate @2          | shop/prod:ESCALATED:A
            escalated resolves on recovery  | fire A shop/prod critical @0; mitigate @1; escalate @2; verify ok @3; resolve A @4 | shop/prod:RESOLVED:A
            closed by hand while firing     | fire A shop/prod critical @0; close @1                          | shop/prod:RESOLVED:A
            firing after a close opens anew | fire A shop/prod critical @0; close @1; fire A shop/prod critical @2 | shop/prod:RESOLVED:A shop/prod:OPEN:A
            """)
    void groupsAlertsAndMovesIncidentsBetweenStates(String title, String steps, String expected) {
        assertEquals(expected, play(steps));
    }

    @Test
    void keepsTheWorstSeverityOwnerAcknowledgementAndTimeline() {
        IncidentBook book = new IncidentBook(Duration.ofMinutes(10));
        Incident incident = book.record(AlertFact.firing("A", Map.of("alertname", "Latency", "application", "shop",
                "environment", "prod", "severity", "warning"), minute(0))).orElseThrow();
        book.record(AlertFact.firing("B", Map.of("alertname", "Errors", "application", "shop", "environment", "prod",
                "severity", "critical"), minute(1)));
        book.record(AlertFact.firing("C", Map.of("alertname", "Disk", "application", "shop", "environment", "prod",
                "severity", "info"), minute(2)));
        book.acknowledge(incident.id(), "alice", minute(3));
        book.assign(incident.id(), "bob", minute(4));
        book.startMitigation(incident.id(), "rollback shop/prod", minute(5));
        book.verification(incident.id(), true, "error rate back under 1%", minute(6));
        List.of("A", "B", "C").forEach(id -> book.record(AlertFact.resolved(id, Map.of(), minute(7))));

        assertEquals("shop/prod@2026-12-07T12:00:00Z", incident.id());
        assertEquals(Severity.CRITICAL, incident.severity());
        assertEquals(Optional.of("alice"), incident.acknowledgedBy());
        assertEquals(Optional.of("bob"), incident.owner());
        assertEquals(Optional.of(minute(7)), incident.resolvedAt());
        assertEquals(List.of("OPENED", "ALERT_FIRING", "ALERT_FIRING", "ALERT_FIRING", "ACKNOWLEDGED",
                "OWNER_ASSIGNED", "MITIGATION_STARTED", "VERIFICATION_PASSED", "ALERT_RESOLVED", "ALERT_RESOLVED",
                "ALERT_RESOLVED", "RESOLVED"), incident.timeline().stream().map(entry -> entry.kind().name()).toList());
        assertEquals("Errors (B)", incident.timeline().get(2).text());
    }

    @Test
    void refusesUnknownIncidents() {
        IncidentBook book = new IncidentBook(Duration.ofMinutes(10));
        assertThrows(NoSuchElementException.class, () -> book.acknowledge("nope", "alice", T0));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", textBlock = """
            critical, CRITICAL
            page, CRITICAL
            Warning, WARNING
            info, INFO
            debug, NONE
            null, NONE
            """)
    void readsSeverityLabels(String label, Severity expected) {
        assertEquals(expected, Severity.ofLabel(label));
    }
}
