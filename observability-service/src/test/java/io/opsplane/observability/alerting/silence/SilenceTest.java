package io.opsplane.observability.alerting.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.observability.alerting.matcher.MatcherParser;
import io.opsplane.observability.alerting.support.Labels;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilenceTest {

    private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");
    private static final Instant END = Instant.parse("2026-05-01T14:00:00Z");

    private static Silence silence(String matchers) {
        return new Silence("s1", MatcherParser.parseAll(matchers), START, END, "alice", "maintenance");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            2026-05-01T11:59:59Z ; PENDING
            2026-05-01T12:00:00Z ; ACTIVE
            2026-05-01T14:00:00Z ; ACTIVE
            2026-05-01T14:00:01Z ; EXPIRED
            """)
    void isPendingThenActiveThenExpired(String now, SilenceState state) {
        assertEquals(state, silence("a=\"1\"").state(Instant.parse(now)));
    }

    @ParameterizedTest(name = "[{index}] {0} on {1} at {2}")
    @CsvSource(delimiter = ';', textBlock = """
            {service="db"}                  ; service=db         ; 2026-05-01T13:00:00Z ; true
            {service="db"}                  ; service=web        ; 2026-05-01T13:00:00Z ; false
            {service="db"}                  ; service=db         ; 2026-05-01T11:00:00Z ; false
            {service="db"}                  ; service=db         ; 2026-05-01T15:00:00Z ; false
            {service=~"db|cache", env!="dev"} ; service=cache env=prod ; 2026-05-01T13:00:00Z ; true
            {service=~"db|cache", env!="dev"} ; service=cache env=dev  ; 2026-05-01T13:00:00Z ; false
            {service=~"db|cache", env!="dev"} ; service=dbx          ; 2026-05-01T13:00:00Z ; false
            {team="", a=~".+"}              ; a=1                ; 2026-05-01T13:00:00Z ; true
            {team="", a=~".+"}              ; a=1 team=x         ; 2026-05-01T13:00:00Z ; false
            """)
    void mutesMatchingAlertsWhileActive(String matchers, String labels, String now, boolean expected) {
        assertEquals(expected, silence(matchers).mutes(Labels.parse(labels), Instant.parse(now)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            ''                  ; 2026-05-01T12:00:00Z ; 2026-05-01T14:00:00Z ; alice ; c ; matchers: at least one matcher required
            a=""                ; 2026-05-01T12:00:00Z ; 2026-05-01T14:00:00Z ; alice ; c ; matchers: at least one matcher must not match the empty string
            a=~".*", b!="x"     ; 2026-05-01T12:00:00Z ; 2026-05-01T14:00:00Z ; alice ; c ; matchers: at least one matcher must not match the empty string
            a="1"               ; 2026-05-01T12:00:00Z ; 2026-05-01T12:00:00Z ; alice ; c ; endsAt: the end time must be after the start time
            a="1"               ; 2026-05-01T12:00:00Z ; 2026-05-01T11:00:00Z ; alice ; c ; endsAt: the end time must be after the start time
            a="1"               ; 2026-05-01T12:00:00Z ; 2026-05-01T14:00:00Z ; ' '   ; c ; createdBy: required
            a="1"               ; 2026-05-01T12:00:00Z ; 2026-05-01T14:00:00Z ; alice ; '' ; comment: required
            """)
    void refusesWhatAlertmanagerRefuses(String matchers, String start, String end, String createdBy, String comment,
            String message) {
        InvalidSilenceException e = assertThrows(InvalidSilenceException.class, () -> new Silence("s",
                MatcherParser.parseAll(matchers), Instant.parse(start), Instant.parse(end), createdBy, comment));
        assertEquals(message, e.getMessage());
    }
}
