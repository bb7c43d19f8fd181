package io.opsplane.deploy.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.deploy.analysis.condition.ConditionParser;
import io.opsplane.deploy.analysis.condition.MetricValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalysisRunEngineTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private static MetricSpec metric(String success, String failure, int count, int failureLimit, int inconclusiveLimit) {
        return new MetricSpec("error-rate", "rate(x[1m])", Optional.of(Duration.ofMinutes(1)),
                count == 0 ? OptionalInt.empty() : OptionalInt.of(count),
                Optional.ofNullable(success).map(text -> ConditionParser.parse("successCondition", text)),
                Optional.ofNullable(failure).map(text -> ConditionParser.parse("failureCondition", text)),
                failureLimit, inconclusiveLimit, MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT);
    }

    /** One character per measurement, a minute apart: a number 0-9 as the value in percent, N for NaN, E for an error. */
    private static List<Measurement> measurements(String sequence) {
        List<Measurement> taken = new ArrayList<>();
        for (int i = 0; i < sequence.length(); i++) {
            Instant at = START.plus(Duration.ofMinutes(i));
            char c = sequence.charAt(i);
            taken.add(switch (c) {
                case 'E' -> Measurement.failed(at, "prometheus: timeout");
                case 'N' -> Measurement.of(at, MetricValue.number(Double.NaN));
                default -> Measurement.of(at, MetricValue.number((c - '0') / 100.0));
            });
        }
        return taken;
    }

    private static AnalysisRunEvaluation run(MetricSpec metric, String sequence) {
        var template = new AnalysisTemplate("t", List.of(), List.of(metric));
        return AnalysisRunEngine.evaluate(template, Map.of(metric.name(), measurements(sequence)), START, false);
    }

    @ParameterizedTest(name = "{0}/{1} count={2} failureLimit={3} inconclusiveLimit={4}: {5} -> {6}")
    @CsvSource(nullValues = "NULL", value = {
            // success only: a measurement that misses the condition is a failure
            "result < 0.05, NULL, 3, 0, 0, '',     RUNNING",
            "result < 0.05, NULL, 3, 0, 0, 11,     RUNNING",
            "result < 0.05, NULL, 3, 0, 0, 111,    SUCCESSFUL",
            "result < 0.05, NULL, 3, 0, 0, 19,     FAILED",
            "result < 0.05, NULL, 3, 1, 0, 191,    SUCCESSFUL",
            "result < 0.05, NULL, 3, 1, 0, 99,     FAILED",
            // both conditions: between them is inconclusive
            "result < 0.02, result > 0.05, 3, 0, 0, 13,  INCONCLUSIVE",
            "result < 0.02, result > 0.05, 3, 0, 1, 131, SUCCESSFUL",
            "result < 0.02, result > 0.05, 3, 0, 1, 17,  FAILED",
            // failure only: anything not failing passes
            "NULL, result > 0.05, 2, 0, 0, 44,     SUCCESSFUL",
            "NULL, result > 0.05, 2, 0, 0, 46,     FAILED",
            // NaN is no data, so inconclusive rather than a silent pass
            "NULL, result > 0.05, 2, 0, 0, 4N,     INCONCLUSIVE",
            "result < 0.05, NULL, 3, 0, 2, N1N,    SUCCESSFUL",
            "result < 0.05, NULL, 2, 0, 2, NN,     INCONCLUSIVE",
            // errors: more than consecutiveErrorLimit (4) in a row is an error; fewer are forgiven
            "result < 0.05, NULL, 9, 0, 0, EEEE,   RUNNING",
            "result < 0.05, NULL, 9, 0, 0, EEEEE,  ERROR",
            "result < 0.05, NULL, 10, 0, 0, EEEE1EEEE, RUNNING",
            "result < 0.05, NULL, 3, 0, 0, 1E1,    SUCCESSFUL",
            "result < 0.05, NULL, 3, 0, 0, 11E,    ERROR",
            // no count with an interval: runs until stopped
            "result < 0.05, NULL, 0, 0, 0, 1111111111, RUNNING",
    })
    void metricPhaseFollowsTheLimits(String success, String failure, int count, int failureLimit, int inconclusiveLimit,
            String sequence, AnalysisPhase expected) {
        var evaluation = run(metric(success, failure, count, failureLimit, inconclusiveLimit), sequence);
        assertEquals(expected, evaluation.phase());
        assertEquals(expected, evaluation.metrics().get("error-rate").phase());
    }

    @Test
    void theNextMeasurementIsDueOneIntervalAfterTheLastAndNoneOnceComplete() {
        MetricSpec metric = metric("result < 0.05", null, 3, 0, 0);
        assertEquals(Optional.of(START), run(metric, "").nextMeasurementAt());
        assertEquals(Optional.of(START.plusSeconds(120)), run(metric, "11").nextMeasurementAt());
        assertEquals(Optional.empty(), run(metric, "111").nextMeasurementAt());
    }

    @Test
    void measurementsStoredOutOfOrderAreReadInTimeOrder() {
        MetricSpec metric = metric("result < 0.05", null, 10, 0, 0);
        List<Measurement> taken = new ArrayList<>(measurements("EEEE1EEEE"));
        java.util.Collections.reverse(taken);
        var template = new AnalysisTemplate("t", List.of(), List.of(metric));
        var evaluation = AnalysisRunEngine.evaluate(template, Map.of("error-rate", taken), START, false);
        assertEquals(AnalysisPhase.RUNNING, evaluation.phase());
        assertEquals(4, evaluation.metrics().get("error-rate").consecutiveErrors());
        assertEquals(8, evaluation.metrics().get("error-rate").errors());
    }

    @Test
    void theWorstMetricDecidesTheRun() {
        MetricSpec passing = new MetricSpec("latency", "q", Optional.empty(), OptionalInt.empty(),
                Optional.of(ConditionParser.parse("s", "result < 1")), Optional.empty(), 0, 0, 4);
        MetricSpec failing = metric("result < 0.05", null, 3, 0, 0);
        var template = new AnalysisTemplate("t", List.of(), List.of(passing, failing));

        var evaluation = AnalysisRunEngine.evaluate(template, Map.of(
                "latency", List.of(Measurement.of(START, MetricValue.number(0.2))),
                "error-rate", measurements("9")), START, false);

        assertEquals(AnalysisPhase.SUCCESSFUL, evaluation.metrics().get("latency").phase());
        assertEquals(AnalysisPhase.FAILED, evaluation.phase());
    }

    @Test
    void aStoppedRunCountsItsRunningMetricsAsPassedButKeepsFailures() {
        var template = new AnalysisTemplate("t", List.of(), List.of(metric("result < 0.05", null, 0, 0, 0)));
        assertEquals(AnalysisPhase.SUCCESSFUL, AnalysisRunEngine.evaluate(template,
                Map.of("error-rate", measurements("11")), START, true).phase());
        assertEquals(AnalysisPhase.FAILED, AnalysisRunEngine.evaluate(template,
                Map.of("error-rate", measurements("19")), START, true).phase());
    }

    @Test
    void anEvaluationErrorIsCountedLikeAMeasurementError() {
        MetricSpec metric = new MetricSpec("m", "q", Optional.of(Duration.ofMinutes(1)), OptionalInt.of(1),
                Optional.of(ConditionParser.parse("s", "result[0] < 1")), Optional.empty(), 0, 0, 0);
        var evaluation = run(metric, "1");
        assertEquals(AnalysisPhase.ERROR, evaluation.phase());
        assertEquals("only a list can be indexed, got a number", evaluation.metrics().get("m").message());
    }
}
