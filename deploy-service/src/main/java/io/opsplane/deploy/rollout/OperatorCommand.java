package io.opsplane.deploy.rollout;

public enum OperatorCommand {
    /** Past the current pause or analysis, on to the next step. */
    PROMOTE,
    /** Straight to 100 % on the new release, skipping every remaining step and analysis. */
    PROMOTE_FULL,
    PAUSE,
    RESUME,
    /** Traffic back to stable; the release is not judged bad. */
    ABORT,
    /** Start an aborted, degraded or rolled-back rollout again from its first step. */
    RETRY,
    /** Traffic back to stable and the release marked bad so it is not rolled out again by itself. */
    ROLLBACK
}
