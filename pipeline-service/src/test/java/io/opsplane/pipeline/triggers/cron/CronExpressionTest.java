package io.opsplane.pipeline.triggers.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronExpressionTest {

    static Stream<Arguments> nextFirings() {
        return Stream.of(
                // expression, zone, after, the next firings
                Arguments.of("0 3 * * *", "UTC", "2026-12-07T02:59:59Z", List.of("2026-12-07T03:00:00Z",
                        "2026-12-08T03:00:00Z")),
                Arguments.of("0 3 * * *", "UTC", "2026-12-07T03:00:00Z", List.of("2026-12-08T03:00:00Z")),
                Arguments.of("*/15 * * * *", "UTC", "2026-12-07T10:07:00Z", List.of("2026-12-07T10:15:00Z",
                        "2026-12-07T10:30:00Z", "2026-12-07T10:45:00Z", "2026-12-07T11:00:00Z")),
                Arguments.of("5/20 * * * *", "UTC", "2026-12-07T10:00:00Z", List.of("2026-12-07T10:05:00Z",
                        "2026-12-07T10:25:00Z", "2026-12-07T10:45:00Z", "2026-12-07T11:05:00Z")),
                Arguments.of("0 9-17/4 * * MON-FRI", "UTC", "2026-12-04T16:00:00Z", List.of("2026-12-04T17:00:00Z",
                        "2026-12-07T09:00:00Z", "2026-12-07T13:00:00Z")),
                Arguments.of("30 8 * * 7", "UTC", "2026-12-07T00:00:00Z", List.of("2026-12-13T08:30:00Z")),
                Arguments.of("0 0 1,15 * *", "UTC", "2026-12-07T00:00:00Z", List.of("2026-12-15T00:00:00Z",
                        "2027-01-01T00:00:00Z")),
                // Both day fields restricted: either matches (the 13th, or any Friday).
                Arguments.of("0 0 13 * 5", "UTC", "2026-12-07T00:00:00Z", List.of("2026-12-11T00:00:00Z",
                        "2026-12-13T00:00:00Z", "2026-12-18T00:00:00Z")),
                // A day field starting with * does not restrict: every other day that is a Friday.
                Arguments.of("0 0 */2 * FRI", "UTC", "2026-12-07T00:00:00Z", List.of("2026-12-11T00:00:00Z",
                        "2026-12-25T00:00:00Z")),
                Arguments.of("0 0 29 FEB *", "UTC", "2026-12-07T00:00:00Z", List.of("2028-02-29T00:00:00Z",
                        "2032-02-29T00:00:00Z")),
                Arguments.of("0 0 31 * *", "UTC", "2027-01-31T00:00:00Z", List.of("2027-03-31T00:00:00Z")),
                Arguments.of("@hourly", "UTC", "2026-12-07T10:30:00Z", List.of("2026-12-07T11:00:00Z")),
                Arguments.of("@weekly", "UTC", "2026-12-07T10:30:00Z", List.of("2026-12-13T00:00:00Z")),
                Arguments.of("@yearly", "UTC", "2026-12-07T10:30:00Z", List.of("2027-01-01T00:00:00Z")),
                // Time zones: 03:00 in Berlin is 02:00 UTC in winter, 01:00 UTC in summer.
                Arguments.of("0 3 * * *", "Europe/Berlin", "2026-12-07T00:00:00Z", List.of("2026-12-07T02:00:00Z")),
                Arguments.of("0 3 * * *", "Europe/Berlin", "2026-07-01T00:00:00Z", List.of("2026-07-01T01:00:00Z")),
                Arguments.of("0 9 * * *", "Asia/Kolkata", "2026-12-07T00:00:00Z", List.of("2026-12-07T03:30:00Z")),
                // Spring forward in Berlin (2027-03-28, 02:00 → 03:00): 02:30 does not exist and fires at the jump.
                Arguments.of("30 2 * * *", "Europe/Berlin", "2027-03-27T12:00:00Z", List.of("2027-03-28T01:00:00Z",
                        "2027-03-29T00:30:00Z")),
                // Every 15 minutes across the gap: 02:00-02:45 collapse into one firing at the jump.
                Arguments.of("*/15 * * * *", "Europe/Berlin", "2027-03-28T00:40:00Z", List.of("2027-03-28T00:45:00Z",
                        "2027-03-28T01:00:00Z", "2027-03-28T01:15:00Z")),
                // Fall back in Berlin (2026-10-25, 03:00 → 02:00): 02:30 exists twice and fires once, the first time.
                Arguments.of("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", List.of("2026-10-25T00:30:00Z",
                        "2026-10-26T01:30:00Z")),
                // New York: 2026-11-01 falls back; 09:00 local stays 09:00 local.
                Arguments.of("0 9 * * *", "America/New_York", "2026-10-31T00:00:00Z", List.of("2026-10-31T13:00:00Z",
                        "2026-11-01T14:00:00Z")));
    }

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @MethodSource("nextFirings")
    void firesWhereCronWould(String text, String zone, String after, List<String> expected) {
        CronExpression cron = CronExpression.parse(text, zone);
        List<String> firings = new ArrayList<>();
        Instant at = Instant.parse(after);
        for (int i = 0; i < expected.size(); i++) {
            at = cron.nextAfter(at).orElseThrow();
            firings.add(at.toString());
        }
        assertEquals(expected, firings);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("", "UTC", "a cron expression is needed"),
                Arguments.of("0 3 * *", "UTC", "five fields"),
                Arguments.of("0 3 * * * *", "UTC", "has 6"),
                Arguments.of("60 3 * * *", "UTC", "minute field '60'"),
                Arguments.of("0 24 * * *", "UTC", "hour field '24'"),
                Arguments.of("0 0 0 * *", "UTC", "day of month field '0'"),
                Arguments.of("0 0 * 13 *", "UTC", "month field '13'"),
                Arguments.of("0 0 * * 8", "UTC", "day of week field '8'"),
                Arguments.of("0 0 * * FOO", "UTC", "names SUN, MON"),
                Arguments.of("5-1 * * * *", "UTC", "does not run backwards"),
                Arguments.of("*/0 * * * *", "UTC", "a step between 1 and 59"),
                Arguments.of("1,,2 * * * *", "UTC", "empty item"),
                Arguments.of("0 0 L * *", "UTC", "Quartz extensions"),
                Arguments.of("0 0 * * 5#2", "UTC", "Quartz extensions"),
                Arguments.of("0 0 30 2 *", "UTC", "never fires"),
                Arguments.of("@every5m", "UTC", "is not a cron macro"),
                Arguments.of("0 3 * * *", "Mars/Olympus", "'Mars/Olympus' is not a time zone"),
                Arguments.of("0".repeat(300), "UTC", "at most 256"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("refusals")
    void refusesWhatCannotBeRead(String text, String zone, String message) {
        InvalidCronException refused = assertThrows(InvalidCronException.class, () -> CronExpression.parse(text, zone));
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void anEmptyZoneIsUtc() {
        assertEquals("UTC", CronExpression.parse("0 0 * * *", "").zone().getId());
    }
}
