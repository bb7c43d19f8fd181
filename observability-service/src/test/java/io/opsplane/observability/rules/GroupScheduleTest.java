package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupScheduleTest {

    @ParameterizedTest(name = "xxh64({0})")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                  | ef46db3751d8e999
            a                                                                   | d24ec4f1a98c6e5b
            as                                                                  | 1c330fb2d66be179
            asd                                                                 | 631c37ce72a97393
            asdf                                                                | 415872f599cea71e
            Call me Ishmael. Some years ago--never mind how long precisely-     | 02a2e85470d6fd96
            """)
    void hashesAsTheXxHashPrometheusUses(String input, String hex) {
        // Vectors of github.com/cespare/xxhash, the library behind Prometheus's label hashes.
        assertEquals(Long.parseUnsignedLong(hex, 16), XxHash64.hash(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void offsetIsTheHashOfTheGroupsFileAndNameModuloTheInterval() {
        byte[] labels = "file\u00ffrules.yml\u00ffname\u00ffnode\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        long expected = Long.remainderUnsigned(XxHash64.hash(labels), Duration.ofMinutes(1).toNanos());
        GroupSchedule schedule = new GroupSchedule("rules.yml", "node", Duration.ofMinutes(1));
        assertEquals(Duration.ofNanos(expected), schedule.offset());
        assertNotEquals(schedule.offset(), new GroupSchedule("rules.yml", "other", Duration.ofMinutes(1)).offset());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-01T00:00:00Z
            2026-01-01T00:00:59.999999999Z
            2026-03-29T01:59:30Z
            1970-01-01T00:10:00Z
            """)
    void slotsFallOnTheIntervalShiftedByTheOffset(Instant time) {
        GroupSchedule schedule = new GroupSchedule("f", "g", Duration.ofSeconds(30));
        Instant slot = schedule.slotAtOrBefore(time);
        long sinceEpoch = Duration.between(Instant.EPOCH, slot).minus(schedule.offset()).toNanos();
        assertEquals(0, sinceEpoch % Duration.ofSeconds(30).toNanos());
        assertTrue(!slot.isAfter(time) && Duration.between(slot, time).compareTo(Duration.ofSeconds(30)) < 0);
        assertEquals(slot.plusSeconds(30), schedule.slotAfter(time));
        assertEquals(slot.equals(time) ? slot : slot.plusSeconds(30), schedule.slotAtOrAfter(time));
    }

    @Test
    void listsSlotsAndSkipsMissedOnes() {
        GroupSchedule schedule = new GroupSchedule("f", "g", Duration.ofMinutes(1));
        Instant first = schedule.slotAfter(Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(List.of(first, first.plusSeconds(60), first.plusSeconds(120)),
                schedule.slotsBetween(first, first.plusSeconds(180), 10));
        assertEquals(List.of(first), schedule.slotsBetween(first, first.plusSeconds(180), 1));
        assertEquals(first.plusSeconds(60), schedule.nextAfterEvaluation(first, first.plusSeconds(5)));
        assertEquals(first.plusSeconds(240), schedule.nextAfterEvaluation(first, first.plusSeconds(200)));
        assertEquals(first, schedule.slotAtOrAfter(first));
    }

    @Test
    void refusesANonPositiveInterval() {
        assertEquals("group g: interval must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> new GroupSchedule("f", "g", Duration.ZERO)).getMessage());
    }
}
