package io.opsplane.deploy.analysis;

import java.time.Instant;
import java.util.Optional;

/** A metric's phase from its measurements so far, the counts behind it, and when to measure next. */
public record MetricEvaluation(
        AnalysisPhase phase,
        int measured,
        int successful,
        int failed,
        int inconclusive,
        int errors,
        int consecutiveErrors,
        String message,
        Optional<Instant> nextMeasurementAt) {
}
