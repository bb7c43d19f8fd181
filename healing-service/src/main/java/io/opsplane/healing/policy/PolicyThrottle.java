package io.opsplane.healing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies a policy's cooldown and per-target rate limit to its past runs: one target (such as
 * {@code shop/production}) hammered by a flapping alert must not be remediated again and again.
 */
public final class PolicyThrottle {

    /** A past run of {@code policy} against {@code target}. */
    public record Run(String policy, String target, Instant at) {
    }

    private PolicyThrottle() {
    }

    /** Why the policy may not run against {@code target} at {@code now}, empty when it may. */
    public static Optional<String> refusal(HealingPolicy policy, String target, List<Run> history, Instant now) {
        List<Instant> runs = history.stream()
                .filter(run -> run.policy().equals(policy.name()) && run.target().equals(target))
                .map(Run::at).filter(at -> !at.isAfter(now)).toList();
        Optional<Instant> last = runs.stream().max(Instant::compareTo);
        if (last.isPresent() && now.isBefore(last.get().plus(policy.cooldown()))) {
            return Optional.of("cooling down until " + last.get().plus(policy.cooldown()));
        }
        return policy.rateLimit().flatMap(limit -> {
            long recent = runs.stream().filter(at -> at.isAfter(now.minus(limit.period()))).count();
            return recent >= limit.max()
                    ? Optional.of(recent + " runs against " + target + " within " + limit.period() + ", the most allowed")
                    : Optional.empty();
        });
    }
}
