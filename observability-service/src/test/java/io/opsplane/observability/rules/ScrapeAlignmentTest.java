package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.rules.ScrapeAlignment.Scrape;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrapeAlignmentTest {

    private static final Instant BASE = Instant.parse("2026-12-07T10:00:00Z");

    /**
     * Visible-at times as milliseconds after a whole minute, scrape interval and group interval in milliseconds
     * (0: the scrape interval is unknown), and the offset expected in milliseconds.
     */
    @ParameterizedTest(name = "[{index}] visible at {0} ms, scraped every {1} ms, group every {2} ms -> {3} ms")
    @CsvSource(delimiter = '|', textBlock = """
            # one target: right after it
            340                | 1000  | 1000  | 340
            # a visible-at time seconds ago is the same phase
            57340              | 1000  | 1000  | 340
            # two targets: after the one followed by the longer gap (100 -> 900 is 800 ms, 900 -> 1100 is 200 ms)
            100, 900           | 1000  | 1000  | 100
            900, 100           | 1000  | 1000  | 100
            # the longest gap wraps around the interval: 800 -> 1200(=200) is 400, 200 -> 500 300, 500 -> 800 300
            200, 500, 800      | 1000  | 1000  | 800
            # equal phases count once
            250, 250, 1250     | 1000  | 1000  | 250
            # a slow group: the scrape phase, placed in the group's minute
            12340              | 1000  | 60000 | 340
            # a fast group on slow scrapes: evaluates right after each scrape too
            12340              | 15000 | 1000  | 340
            # scrape interval unknown: phases on the group's interval (340 -> 1100 is the longer gap)
            12340, 3100        | 0     | 1000  | 340
            """)
    void evaluatesRightAfterTheScrapes(String visible, long scrapeMs, long groupMs, long expectedMs) {
        Duration scrapeInterval = scrapeMs == 0 ? null : Duration.ofMillis(scrapeMs);
        List<Scrape> scrapes = Arrays.stream(visible.split(",")).map(String::strip).map(Long::parseLong)
                .map(ms -> new Scrape(BASE.plusMillis(ms), scrapeInterval)).toList();
        assertEquals(Optional.of(Duration.ofMillis(expectedMs)),
                ScrapeAlignment.offset(scrapes, Duration.ofMillis(groupMs)));
    }

    @Test
    void targetsOnDifferentIntervalsAreComparedOnTheGroupsInterval() {
        List<Scrape> scrapes = List.of(new Scrape(BASE.plusMillis(200), Duration.ofSeconds(1)),
                new Scrape(BASE.plusMillis(4600), Duration.ofSeconds(5)));
        // On the group's 1 s: phases 200 and 600; 600 -> 1200 is the longer gap.
        assertEquals(Optional.of(Duration.ofMillis(600)), ScrapeAlignment.offset(scrapes, Duration.ofSeconds(1)));
    }

    @Test
    void noScrapesNoAlignment() {
        assertTrue(ScrapeAlignment.offset(List.of(), Duration.ofSeconds(1)).isEmpty());
    }

    @Test
    void theAlignedScheduleEvaluatesRightAfterTheScrape() {
        Duration offset = ScrapeAlignment.offset(List.of(new Scrape(BASE.plusMillis(340), Duration.ofSeconds(1))),
                Duration.ofSeconds(1)).orElseThrow();
        GroupSchedule schedule = GroupSchedule.aligned(Duration.ofSeconds(1), offset);
        // A sample visible at 12.340 s is read by the evaluation at 12.340 s, not one at 13.x s.
        assertEquals(BASE.plusMillis(12_340), schedule.slotAtOrAfter(BASE.plusMillis(12_340)));
        assertEquals(BASE.plusMillis(13_340), schedule.slotAfter(BASE.plusMillis(12_340)));
    }
}
