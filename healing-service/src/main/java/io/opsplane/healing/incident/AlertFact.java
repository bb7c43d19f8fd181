package io.opsplane.healing.incident;

import java.time.Instant;
import java.util.Map;

/**
 * An {@code AlertFiring} ({@code firing}) or {@code AlertResolved} fact. The {@code alertId} is the alert's
 * fingerprint, stable across its repeated notifications.
 */
public record AlertFact(String alertId, Map<String, String> labels, Instant at, boolean firing) {

    public AlertFact {
        labels = Map.copyOf(labels);
    }

    public static AlertFact firing(String alertId, Map<String, String> labels, Instant at) {
        return new AlertFact(alertId, labels, at, true);
    }

    public static AlertFact resolved(String alertId, Map<String, String> labels, Instant at) {
        return new AlertFact(alertId, labels, at, false);
    }

    public String application() {
        return labels.getOrDefault("application", "");
    }

    public String environment() {
        return labels.getOrDefault("environment", "");
    }
}
