package io.opsplane.pipeline.scheduling;

/** The status of a whole run; GitLab's pipeline statuses. */
public enum RunPhase {
    /** No job has left CREATED yet. */
    CREATED,
    /** Jobs are on their way but none has started. */
    PENDING,
    /** Some job has started, and work is left. */
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELED,
    SKIPPED,
    /** Nothing can move until someone plays a manual job. */
    MANUAL;

    public boolean isFinished() {
        return this == SUCCESS || this == FAILED || this == CANCELED || this == SKIPPED;
    }
}
