package io.opsplane.deploy.rollout;

public enum RolloutPhase {
    PENDING,
    PROGRESSING,
    PAUSED,
    HEALTHY,
    /** Stopped moving before its progress deadline; traffic went back to stable. */
    DEGRADED,
    ABORTED,
    ROLLED_BACK;

    public boolean isActive() {
        return this == PENDING || this == PROGRESSING || this == PAUSED;
    }
}
