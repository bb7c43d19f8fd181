package io.opsplane.deploy.analysis;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The run's phase, each metric's evaluation, and the earliest measurement due. */
public record AnalysisRunEvaluation(AnalysisPhase phase, Map<String, MetricEvaluation> metrics) {

    public AnalysisRunEvaluation {
        metrics = Map.copyOf(metrics);
    }

    public Optional<Instant> nextMeasurementAt() {
        return metrics.values().stream().flatMap(metric -> metric.nextMeasurementAt().stream()).min(Instant::compareTo);
    }
}
