package io.opsplane.observability.dora;

import java.util.List;
import java.util.Optional;

/**
 * One of the four keys: its value in the key's own unit (deployments per day, seconds, or a ratio), its band, and
 * the ids of the events behind it. Value and band are empty when nothing in the period measures the key.
 */
public record DoraKey(Optional<Double> value, Optional<PerformanceBand> band, List<String> eventIds) {

    public DoraKey {
        eventIds = List.copyOf(eventIds);
    }

    static DoraKey unmeasured(List<String> eventIds) {
        return new DoraKey(Optional.empty(), Optional.empty(), eventIds);
    }

    static DoraKey of(double value, PerformanceBand band, List<String> eventIds) {
        return new DoraKey(Optional.of(value), Optional.of(band), eventIds);
    }
}
