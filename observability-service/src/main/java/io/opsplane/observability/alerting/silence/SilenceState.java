package io.opsplane.observability.alerting.silence;

/** Alertmanager's silence states. */
public enum SilenceState {
    PENDING,
    ACTIVE,
    EXPIRED
}
