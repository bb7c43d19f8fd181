package io.opsplane.deploy.analysis;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An analysis run as a pure function of its template and stored measurements: nothing is kept
 * between calls, so a restarted service evaluates the same run to the same phase.
 */
public final class AnalysisRunEngine {

    private AnalysisRunEngine() {
    }

    /**
     * @param measurements per metric name, in any order
     * @param stopped      the rollout no longer needs the run; metrics still running count as passed
     */
    public static AnalysisRunEvaluation evaluate(AnalysisTemplate template, Map<String, List<Measurement>> measurements,
            Instant startedAt, boolean stopped) {
        Map<String, MetricEvaluation> metrics = new LinkedHashMap<>();
        for (MetricSpec metric : template.metrics()) {
            MetricEvaluation evaluation = evaluateMetric(metric, measurements.getOrDefault(metric.name(), List.of()), startedAt);
            if (stopped && evaluation.phase() == AnalysisPhase.RUNNING) {
                evaluation = new MetricEvaluation(AnalysisPhase.SUCCESSFUL, evaluation.measured(), evaluation.successful(),
                        evaluation.failed(), evaluation.inconclusive(), evaluation.errors(), evaluation.consecutiveErrors(),
                        "stopped", Optional.empty());
            }
            metrics.put(metric.name(), evaluation);
        }
        return new AnalysisRunEvaluation(runPhase(metrics), metrics);
    }

    static MetricEvaluation evaluateMetric(MetricSpec metric, List<Measurement> measurements, Instant startedAt) {
        List<Measurement> ordered = measurements.stream().sorted(Comparator.comparing(Measurement::takenAt)).toList();
        int successful = 0;
        int failed = 0;
        int inconclusive = 0;
        int errors = 0;
        int consecutiveErrors = 0;
        String message = "waiting for the first measurement";
        for (Measurement measurement : ordered) {
            MeasurementVerdict verdict = MeasurementVerdict.of(metric, measurement);
            message = verdict.message();
            switch (verdict.phase()) {
                case SUCCESSFUL -> successful++;
                case FAILED -> failed++;
                case INCONCLUSIVE -> inconclusive++;
                case ERROR -> errors++;
                case RUNNING -> throw new IllegalStateException("a measurement is never running");
            }
            consecutiveErrors = verdict.phase() == AnalysisPhase.ERROR ? consecutiveErrors + 1 : 0;
        }
        AnalysisPhase phase = metricPhase(metric, ordered.size(), successful, failed, inconclusive, consecutiveErrors);
        Optional<Instant> next = phase == AnalysisPhase.RUNNING
                ? Optional.of(ordered.isEmpty() ? startedAt
                        : ordered.get(ordered.size() - 1).takenAt().plus(metric.interval().orElseThrow()))
                : Optional.empty();
        return new MetricEvaluation(phase, ordered.size(), successful, failed, inconclusive, errors, consecutiveErrors,
                message, next);
    }

    private static AnalysisPhase metricPhase(MetricSpec metric, int measured, int successful, int failed,
            int inconclusive, int consecutiveErrors) {
        if (consecutiveErrors > metric.consecutiveErrorLimit()) {
            return AnalysisPhase.ERROR;
        }
        if (failed > metric.failureLimit()) {
            return AnalysisPhase.FAILED;
        }
        if (inconclusive > metric.inconclusiveLimit()) {
            return AnalysisPhase.INCONCLUSIVE;
        }
        OptionalInt toTake = metric.measurementsToTake();
        if (toTake.isPresent() && measured >= toTake.getAsInt()) {
            // Ending on errors, or with nothing that passed, is not a success even within the limits.
            if (consecutiveErrors > 0) {
                return AnalysisPhase.ERROR;
            }
            return successful == 0 ? AnalysisPhase.INCONCLUSIVE : AnalysisPhase.SUCCESSFUL;
        }
        return AnalysisPhase.RUNNING;
    }

    /** The worst metric decides: failed, then error, then inconclusive; successful only when all are. */
    private static AnalysisPhase runPhase(Map<String, MetricEvaluation> metrics) {
        List<AnalysisPhase> order = List.of(AnalysisPhase.FAILED, AnalysisPhase.ERROR, AnalysisPhase.INCONCLUSIVE,
                AnalysisPhase.RUNNING);
        for (AnalysisPhase phase : order) {
            if (metrics.values().stream().anyMatch(metric -> metric.phase() == phase)) {
                return phase;
            }
        }
        return AnalysisPhase.SUCCESSFUL;
    }
}
