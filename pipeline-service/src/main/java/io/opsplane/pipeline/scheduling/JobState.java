package io.opsplane.pipeline.scheduling;

/** The state of one job in a run; GitLab's job statuses. */
public enum JobState {
    CREATED,
    WAITING_FOR_RESOURCE,
    /** A delayed job waiting for its time. */
    SCHEDULED,
    /** Waiting for a person to play it. */
    MANUAL,
    /** Queued for a runner. */
    PENDING,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELED,
    SKIPPED;

    public boolean isFinished() {
        return this == SUCCESS || this == FAILED || this == CANCELED || this == SKIPPED;
    }

    /** Holds its resource group: queued for or on a runner. */
    public boolean holdsResource() {
        return this == PENDING || this == RUNNING;
    }
}
