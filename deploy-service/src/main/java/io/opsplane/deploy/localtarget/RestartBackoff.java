package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;

/**
 * How long to wait before restarting a crashed instance: {@code initial}, doubling with each
 * crash in a row up to {@code max}. A crash after the instance ran for {@code stableAfter} starts
 * the count again, so an instance that crashes once a day is restarted at once each time, and one
 * that crashes on start does not spin.
 */
public record RestartBackoff(Duration initial, Duration max, Duration stableAfter) {

    public RestartBackoff {
        requirePositive("initial", initial);
        requirePositive("max", max);
        requirePositive("stableAfter", stableAfter);
        if (max.compareTo(initial) < 0) {
            throw new InvalidFieldException("max", "must not be shorter than initial (" + initial + "), was " + max);
        }
    }

    /** 1 s doubling to 1 min; reset after 5 min of running. */
    public static RestartBackoff standard() {
        return new RestartBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5));
    }

    /**
     * @param crashesInARow the crash being handled is number {@code crashesInARow}, counted from 1
     */
    public Duration delay(int crashesInARow) {
        if (crashesInARow < 1) {
            throw new IllegalArgumentException("crashesInARow counts from 1, was " + crashesInARow);
        }
        // Shifting past 62 bits would overflow; max is reached long before.
        int doublings = Math.min(crashesInARow - 1, 62);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** The number of this crash in the current row, given the previous one's and how long the instance ran. */
    public int crashNumber(int previousCrashesInARow, Duration ranFor) {
        return ranFor.compareTo(stableAfter) >= 0 ? 1 : previousCrashesInARow + 1;
    }

    private static void requirePositive(String field, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidFieldException(field, "must be a positive duration, was " + duration);
        }
    }
}
