package io.opsplane.healing.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Stops remediating a target that keeps breaking: after {@code maxRemediations} within {@code period} the next one is
 * refused and the issue goes to a human, since a fix that has to be repeated is not fixing the cause.
 */
public final class FlapGuard {

    public enum Decision {
        REMEDIATE, ESCALATE
    }

    private final int maxRemediations;
    private final Duration period;
    private final Map<String, Deque<Instant>> remediations = new HashMap<>();

    public FlapGuard(int maxRemediations, Duration period) {
        if (maxRemediations < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a flap guard allows at least 1 remediation in a period above zero");
        }
        this.maxRemediations = maxRemediations;
        this.period = period;
    }

    /** Decides for a remediation of {@code target} at {@code now} and, when it may go ahead, counts it. */
    public Decision admit(String target, Instant now) {
        Deque<Instant> recent = remediations.computeIfAbsent(target, key -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(period))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxRemediations) {
            return Decision.ESCALATE;
        }
        recent.addLast(now);
        return Decision.REMEDIATE;
    }
}
