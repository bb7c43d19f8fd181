package io.opsplane.pipeline.scheduling;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Whether a failed job is retried automatically, with GitLab's rules: a failure covered by
 * {@code retry:when} or {@code retry:exit_codes} gets {@code retry:max} retries; any other failure
 * gets the built-in allowance (2 for a scheduler failure, none otherwise); some reasons are never
 * retried.
 *
 * @param why a short explanation for the job's log
 */
public record RetryDecision(boolean retry, String why) {

    private static final int SCHEDULER_FAILURE_RETRIES = 2;

    public RetryDecision {
        Objects.requireNonNull(why, "why");
    }

    /**
     * @param exitCode     the script's exit code, absent when the job failed before or outside it
     * @param retriesSoFar how many times this job was already retried (0 after its first attempt)
     */
    public static RetryDecision decide(RetryPolicy policy, FailureReason reason, OptionalInt exitCode, int retriesSoFar) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(exitCode, "exitCode");
        if (retriesSoFar < 0) {
            throw new IllegalArgumentException("retries so far is negative");
        }
        if (reason.isNeverRetried()) {
            return new RetryDecision(false, reason.yamlName() + " is never retried");
        }
        boolean covered = policy.covers(reason, exitCode);
        if (covered && policy.max().isPresent()) {
            return within(policy.max().getAsInt(), retriesSoFar, "retry:max");
        }
        // GitLab falls back to its built-in allowance when retry does not settle the count
        if (reason == FailureReason.SCHEDULER_FAILURE) {
            return within(SCHEDULER_FAILURE_RETRIES, retriesSoFar, "the built-in retries of scheduler_failure");
        }
        return new RetryDecision(false, covered
                ? "no retry: retry:max is not set"
                : "no retry: retry does not cover " + describe(reason, exitCode));
    }

    private static RetryDecision within(int allowed, int retriesSoFar, String source) {
        if (allowed == 0) {
            return new RetryDecision(false, "no retry: " + source + " is 0");
        }
        if (retriesSoFar < allowed) {
            return new RetryDecision(true, "retry " + (retriesSoFar + 1) + " of " + allowed + " (" + source + ")");
        }
        return new RetryDecision(false, "no retry: " + retriesSoFar + " of " + allowed + " retries used (" + source + ")");
    }

    private static String describe(FailureReason reason, OptionalInt exitCode) {
        return exitCode.isPresent() ? reason.yamlName() + " with exit code " + exitCode.getAsInt() : reason.yamlName();
    }
}
