package io.opsplane.deploy.analysis;

/** Phase of one metric or of a whole analysis run, as argo-rollouts names them. */
public enum AnalysisPhase {
    RUNNING,
    SUCCESSFUL,
    FAILED,
    INCONCLUSIVE,
    ERROR;

    public boolean isCompleted() {
        return this != RUNNING;
    }

    /** Failed and errored runs both mean the release cannot be trusted. */
    public boolean isFailure() {
        return this == FAILED || this == ERROR;
    }
}
