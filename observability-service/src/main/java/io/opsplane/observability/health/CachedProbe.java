package io.opsplane.observability.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a dependency answers, asked at most once per {@code cacheFor}: readiness probes (a kubelet, the launcher,
 * an operator's curl) come as often as they like, the dependency sees one call per period. Callers that arrive while
 * a probe runs wait for it and share its answer. The answer says since when the dependency has been in its state.
 */
public final class CachedProbe {

    /** A check of the dependency: returns when it answered, throws (with the reason) when it did not. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    /**
     * One answer.
     *
     * @param reachable whether the dependency answered
     * @param error why it did not ("" when it did)
     * @param checkedAt when it was asked
     * @param since since when it has been reachable (or not): the first check of the current state
     */
    public record Result(boolean reachable, String error, Instant checkedAt, Instant since) {
    }

    private final Probe probe;
    private final Duration cacheFor;
    private final Clock clock;
    private Result last;

    public CachedProbe(Probe probe, Duration cacheFor, Clock clock) {
        this.probe = Objects.requireNonNull(probe);
        this.cacheFor = Objects.requireNonNull(cacheFor);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The last answer if it is younger than {@code cacheFor}, otherwise a new one. */
    public synchronized Result result() {
        Instant now = clock.instant();
        if (last != null && Duration.between(last.checkedAt(), now).compareTo(cacheFor) < 0) {
            return last;
        }
        String error = "";
        try {
            probe.check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        boolean reachable = error.isEmpty();
        Instant since = last != null && last.reachable() == reachable ? last.since() : now;
        last = new Result(reachable, error, now, since);
        return last;
    }
}
