package io.opsplane.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells which workers (event consumers) are stuck: failing without a success for longer than a
 * threshold. A success ends the failure streak. Time comes from the injected clock.
 */
public final class StuckDetector {

    /** A worker that has been failing since {@code since}, with its latest error. */
    public record Streak(Instant since, String lastError, long failures) {
    }

    private final Clock clock;
    private final Duration threshold;
    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

    public StuckDetector(Clock clock, Duration threshold) {
        this.clock = clock;
        this.threshold = threshold;
    }

    public void succeeded(String worker) {
        streaks.remove(worker);
    }

    public void failed(String worker, String error) {
        Instant now = clock.instant();
        streaks.merge(worker, new Streak(now, error, 1),
                (old, fresh) -> new Streak(old.since(), error, old.failures() + 1));
    }

    /** The current failure streak of a worker, if it is failing. */
    public Optional<Streak> streak(String worker) {
        return Optional.ofNullable(streaks.get(worker));
    }

    public boolean isStuck(String worker) {
        Streak streak = streaks.get(worker);
        return streak != null && !clock.instant().isBefore(streak.since().plus(threshold));
    }

    /** Every stuck worker with its streak. */
    public Map<String, Streak> stuck() {
        Map<String, Streak> stuck = new java.util.TreeMap<>();
        streaks.forEach((worker, streak) -> {
            if (isStuck(worker)) {
                stuck.put(worker, streak);
            }
        });
        return stuck;
    }
}
