package io.opsplane.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StuckDetectorTest {

    /** A clock the test moves by hand: no sleeping against the wall clock. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final StuckDetector detector = new StuckDetector(clock, Duration.ofSeconds(30));

    @Test
    void failingLongerThanTheThresholdIsStuck() {
        detector.failed("timeline", "22021 invalid byte sequence");
        clock.advance(Duration.ofSeconds(29));
        detector.failed("timeline", "22021 invalid byte sequence");
        assertFalse(detector.isStuck("timeline"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(detector.isStuck("timeline"));
        assertEquals(2, detector.stuck().get("timeline").failures());
        assertEquals("22021 invalid byte sequence", detector.stuck().get("timeline").lastError());
    }

    @Test
    void aSuccessEndsTheStreak() {
        detector.failed("timeline", "down");
        clock.advance(Duration.ofMinutes(5));
        assertTrue(detector.isStuck("timeline"));
        detector.succeeded("timeline");
        assertFalse(detector.isStuck("timeline"));
        assertTrue(detector.stuck().isEmpty());
        detector.failed("timeline", "down again");
        assertEquals(clock.instant(), detector.streak("timeline").orElseThrow().since(), "a new streak starts now");
    }

    @Test
    void workersAreIndependent() {
        detector.failed("a", "x");
        clock.advance(Duration.ofMinutes(1));
        detector.failed("b", "y");
        assertTrue(detector.isStuck("a"));
        assertFalse(detector.isStuck("b"));
        assertFalse(detector.isStuck("never-seen"));
    }
}
