package io.opsplane.pipeline.scheduling;

import java.time.Instant;
import java.util.Objects;

/**
 * A job's state in a run.
 *
 * @param failureAllowed only with {@link JobState#FAILED}: the caller found the failure allowed when
 *                       the job finished ({@code allow_failure: true}, or an exit code listed in
 *                       {@code allow_failure: exit_codes})
 * @param dueAt          only with {@link JobState#SCHEDULED}: when the delayed job may start
 */
public record JobStatus(JobState state, boolean failureAllowed, Instant dueAt) {

    public JobStatus {
        Objects.requireNonNull(state, "state");
        if (failureAllowed && state != JobState.FAILED) {
            throw new IllegalArgumentException("only a failed job has an allowed failure, not a " + state + " one");
        }
        if ((state == JobState.SCHEDULED) != (dueAt != null)) {
            throw new IllegalArgumentException("a scheduled job, and only a scheduled job, has a due time");
        }
    }

    public static JobStatus of(JobState state) {
        return new JobStatus(state, false, null);
    }

    /** FAILED, but the failure does not fail the run nor count as a failure for later jobs. */
    public static JobStatus allowedFailure() {
        return new JobStatus(JobState.FAILED, true, null);
    }

    public static JobStatus scheduledAt(Instant dueAt) {
        return new JobStatus(JobState.SCHEDULED, false, Objects.requireNonNull(dueAt, "dueAt"));
    }

    /** A failure that later jobs react to (on_failure runs, on_success is skipped): canceled counts too. */
    public boolean isBlockingFailure() {
        return (state == JobState.FAILED && !failureAllowed) || state == JobState.CANCELED;
    }
}
