package io.opsplane.observability.alerting.escalation;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the escalation of one alert group stands, as a plain record a service can store: the levels already
 * notified and, once acknowledged, by whom and when.
 */
public record EscalationState(String groupKey, String policy, Instant firingSince, int levelsNotified,
        Optional<String> acknowledgedBy, Optional<Instant> acknowledgedAt) {

    boolean acknowledged() {
        return acknowledgedBy.isPresent();
    }
}
