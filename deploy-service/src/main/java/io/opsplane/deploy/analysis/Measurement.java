package io.opsplane.deploy.analysis;

import io.opsplane.deploy.analysis.condition.MetricValue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One stored query result, or the error that kept it from being taken (query failed, timed out). */
public record Measurement(Instant takenAt, Optional<MetricValue> value, Optional<String> error) {

    public Measurement {
        Objects.requireNonNull(takenAt, "takenAt");
        if (value.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a measurement has either a value or an error");
        }
    }

    public static Measurement of(Instant takenAt, MetricValue value) {
        return new Measurement(takenAt, Optional.of(value), Optional.empty());
    }

    public static Measurement failed(Instant takenAt, String error) {
        return new Measurement(takenAt, Optional.empty(), Optional.of(error));
    }
}
