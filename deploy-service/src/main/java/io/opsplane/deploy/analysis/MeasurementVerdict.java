package io.opsplane.deploy.analysis;

import io.opsplane.deploy.analysis.condition.ConditionEvaluationException;
import io.opsplane.deploy.analysis.condition.NoDataException;

/** What the conditions say about one measurement. */
public record MeasurementVerdict(AnalysisPhase phase, String message) {

    /**
     * A failureCondition that holds fails; otherwise a successCondition decides. When both exist
     * and neither holds, the result is inconclusive, as in argo-rollouts. No data is inconclusive;
     * a condition that does not fit the result is an error.
     */
    public static MeasurementVerdict of(MetricSpec metric, Measurement measurement) {
        if (measurement.error().isPresent()) {
            return new MeasurementVerdict(AnalysisPhase.ERROR, measurement.error().get());
        }
        var value = measurement.value().orElseThrow();
        try {
            if (metric.failureCondition().isPresent() && metric.failureCondition().get().isMetBy(value)) {
                return new MeasurementVerdict(AnalysisPhase.FAILED, "failureCondition met: " + metric.failureCondition().get());
            }
            if (metric.successCondition().isEmpty()) {
                return new MeasurementVerdict(AnalysisPhase.SUCCESSFUL, "failureCondition not met");
            }
            if (metric.successCondition().get().isMetBy(value)) {
                return new MeasurementVerdict(AnalysisPhase.SUCCESSFUL, "successCondition met: " + metric.successCondition().get());
            }
            return metric.failureCondition().isPresent()
                    ? new MeasurementVerdict(AnalysisPhase.INCONCLUSIVE, "neither condition met")
                    : new MeasurementVerdict(AnalysisPhase.FAILED, "successCondition not met: " + metric.successCondition().get());
        } catch (NoDataException e) {
            return new MeasurementVerdict(AnalysisPhase.INCONCLUSIVE, "no data: " + e.getMessage());
        } catch (ConditionEvaluationException e) {
            return new MeasurementVerdict(AnalysisPhase.ERROR, e.getMessage());
        }
    }
}
