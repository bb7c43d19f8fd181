package io.opsplane.runner.executor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a job ended.
 *
 * @param exitCode the script's exit code (128 + signal when a signal ended it); for a job that never
 *     ran its script, the exit code of the wrapper process or -1 when none was started
 * @param duration from {@link JobExecutor#start} until no process of the job was left, after_script included
 * @param failureReason one of {@link FailureReasons}; null for {@link Outcome#SUCCESS} and {@link Outcome#CANCELED}
 * @param logTruncated whether the log reached its limit and later output was dropped
 */
public record ExecutionResult(Outcome outcome, int exitCode, Duration duration, String failureReason, boolean logTruncated) {

    public ExecutionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }

    static String failureReasonOf(Outcome outcome) {
        return switch (outcome) {
            case SUCCESS, CANCELED -> null;
            case FAILED -> FailureReasons.SCRIPT_FAILURE;
            case TIMED_OUT -> FailureReasons.JOB_EXECUTION_TIMEOUT;
            case SYSTEM_FAILURE -> FailureReasons.RUNNER_SYSTEM_FAILURE;
        };
    }
}
