package io.opsplane.observability.rules;

import java.util.Locale;

/** The states of an alert, spelled as Prometheus writes them in the alertstate label. */
public enum AlertState {
    INACTIVE, PENDING, FIRING;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
