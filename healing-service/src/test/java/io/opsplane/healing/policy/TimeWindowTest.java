package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

    // 2026-12-04 is a Friday.
    @ParameterizedTest(name = "{0} {1}-{2} {3} at {4} → {5}")
    @CsvSource(delimiter = '|', textBlock = """
            FRIDAY   | 09:00 | 17:00 | UTC           | 2026-12-04T09:00:00Z | true
            FRIDAY   | 09:00 | 17:00 | UTC           | 2026-12-04T16:59:59Z | true
            FRIDAY   | 09:00 | 17:00 | UTC           | 2026-12-04T17:00:00Z | false
            FRIDAY   | 09:00 | 17:00 | UTC           | 2026-12-04T08:59:59Z | false
            THURSDAY | 09:00 | 17:00 | UTC           | 2026-12-04T12:00:00Z | false
            FRIDAY   | 22:00 | 06:00 | UTC           | 2026-12-04T23:00:00Z | true
            FRIDAY   | 22:00 | 06:00 | UTC           | 2026-12-05T03:00:00Z | true
            FRIDAY   | 22:00 | 06:00 | UTC           | 2026-12-04T03:00:00Z | false
            FRIDAY   | 22:00 | 06:00 | UTC           | 2026-12-05T06:00:00Z | false
            FRIDAY   | 09:00 | 17:00 | Europe/Paris  | 2026-12-04T08:30:00Z | true
            FRIDAY   | 09:00 | 17:00 | Europe/Paris  | 2026-12-04T16:30:00Z | false
            FRIDAY   | 09:00 | 09:00 | UTC           | 2026-12-05T08:59:00Z | true
            FRIDAY   | 09:00 | 09:00 | UTC           | 2026-12-05T09:00:00Z | false
            """)
    void containsTimesWithinItsDaysAndHours(DayOfWeek day, String start, String end, String zone, String now,
            boolean expected) {
        TimeWindow window = new TimeWindow(Set.of(day), LocalTime.parse(start), LocalTime.parse(end), ZoneId.of(zone));
        assertEquals(expected, window.contains(Instant.parse(now)));
    }
}
