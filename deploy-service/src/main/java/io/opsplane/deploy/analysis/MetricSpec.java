package io.opsplane.deploy.analysis;

import io.opsplane.deploy.analysis.condition.Condition;
import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One metric of a template, with argo-rollouts' meaning: measured every {@code interval}
 * {@code count} times (once without an interval; until stopped with an interval and no count),
 * failed when more than {@code failureLimit} measurements fail, inconclusive past
 * {@code inconclusiveLimit}, errored when more than {@code consecutiveErrorLimit} measurements
 * in a row could not be taken.
 */
public record MetricSpec(
        String name,
        String queryTemplate,
        Optional<Duration> interval,
        OptionalInt count,
        Optional<Condition> successCondition,
        Optional<Condition> failureCondition,
        int failureLimit,
        int inconclusiveLimit,
        int consecutiveErrorLimit) {

    public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
    private static final int MAX_COUNT = 10_000;

    public MetricSpec {
        if (name == null || !Argument.NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "must match " + Argument.NAME.pattern() + ", was '" + name + "'");
        }
        InvalidFieldException.requireText("query", queryTemplate);
        interval.ifPresent(every -> {
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidFieldException("interval", "must be at least 1s, was " + every);
            }
        });
        count.ifPresent(times -> InvalidFieldException.requireRange("count", times, 1, MAX_COUNT));
        if (count.orElse(1) > 1 && interval.isEmpty()) {
            throw new InvalidFieldException("interval", "is required when count is more than 1");
        }
        if (successCondition.isEmpty() && failureCondition.isEmpty()) {
            throw new InvalidFieldException("successCondition", "a successCondition or a failureCondition is required");
        }
        InvalidFieldException.requireRange("failureLimit", failureLimit, 0, MAX_COUNT);
        InvalidFieldException.requireRange("inconclusiveLimit", inconclusiveLimit, 0, MAX_COUNT);
        InvalidFieldException.requireRange("consecutiveErrorLimit", consecutiveErrorLimit, 0, MAX_COUNT);
    }

    /** How many measurements complete the metric, or empty when it runs until stopped. */
    OptionalInt measurementsToTake() {
        if (count.isPresent()) {
            return count;
        }
        return interval.isPresent() ? OptionalInt.empty() : OptionalInt.of(1);
    }
}
