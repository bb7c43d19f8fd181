package io.opsplane.deploy.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.analysis.condition.ConditionParser;
import io.opsplane.deploy.analysis.condition.MetricValue;
import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalysisTemplateTest {

    private static final Map<String, String> CANARY_ARGS = Map.of("application", "shop", "environment", "staging",
            "canary-version", "v2", "stable-version", "v1");

    private static MetricSpec metric(String name, String query) {
        return new MetricSpec(name, query, Optional.empty(), OptionalInt.empty(),
                Optional.of(ConditionParser.parse("successCondition", "result < 1")), Optional.empty(), 0, 0, 4);
    }

    @Test
    void fillsArgumentsAndDefaultsIntoEveryQuery() {
        var template = new AnalysisTemplate("t", List.of(Argument.required("version"),
                new Argument("window", Optional.of("5m"))),
                List.of(metric("errors", "rate(x{version=\"{{args.version}}\"}[{{ args.window }}])")));
        assertEquals(Map.of("errors", "rate(x{version=\"v2.1\"}[5m])"), template.resolveQueries(Map.of("version", "v2.1")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v2\"} or vector(1) or x{a=\"  | args.version",
            "v2}                          | args.version",
            "v 2                          | args.version",
            "v2\\\\                       | args.version",
    })
    void refusesArgumentValuesThatCouldChangeTheQuery(String value, String field) {
        var template = new AnalysisTemplate("t", List.of(Argument.required("version")),
                List.of(metric("errors", "x{version=\"{{args.version}}\"}")));
        assertEquals(field, assertThrows(InvalidFieldException.class,
                () -> template.resolveQueries(Map.of("version", value))).field());
    }

    @Test
    void namesMissingAndUnknownArguments() {
        var template = new AnalysisTemplate("t", List.of(Argument.required("version")),
                List.of(metric("errors", "x{version=\"{{args.version}}\"}")));
        assertEquals("args.version", assertThrows(InvalidFieldException.class,
                () -> template.resolveQueries(Map.of())).field());
        assertEquals("args.colour", assertThrows(InvalidFieldException.class,
                () -> template.resolveQueries(Map.of("version", "v2", "colour", "green"))).field());
    }

    @Test
    void refusesTemplatesThatCannotBeResolved() {
        assertEquals("metrics[0].query", assertThrows(InvalidFieldException.class, () -> new AnalysisTemplate("t",
                List.of(), List.of(metric("errors", "x{version=\"{{args.version}}\"}")))).field());
        assertEquals("metrics[1].name", assertThrows(InvalidFieldException.class, () -> new AnalysisTemplate("t",
                List.of(), List.of(metric("errors", "x"), metric("errors", "y")))).field());
        assertEquals("args[1].name", assertThrows(InvalidFieldException.class, () -> new AnalysisTemplate("t",
                List.of(Argument.required("a"), Argument.required("a")), List.of(metric("errors", "x")))).field());
        assertEquals("metrics", assertThrows(InvalidFieldException.class,
                () -> new AnalysisTemplate("t", List.of(), List.of())).field());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "'',    x,  PT1M, 3, true,  0, 0, 4,  name",
            "a b,   x,  PT1M, 3, true,  0, 0, 4,  name",
            "m,     '', PT1M, 3, true,  0, 0, 4,  query",
            "m,     x,  PT0.5S, 3, true, 0, 0, 4, interval",
            "m,     x,  NULL, 3, true,  0, 0, 4,  interval",
            "m,     x,  PT1M, 0, true,  0, 0, 4,  count",
            "m,     x,  PT1M, 3, false, 0, 0, 4,  successCondition",
            "m,     x,  PT1M, 3, true, -1, 0, 4,  failureLimit",
            "m,     x,  PT1M, 3, true,  0, -1, 4, inconclusiveLimit",
            "m,     x,  PT1M, 3, true,  0, 0, -4, consecutiveErrorLimit",
    })
    void refusesMetricSettingsOutOfRange(String name, String query, Duration interval, int count, boolean withCondition,
            int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit, String field) {
        assertEquals(field, assertThrows(InvalidFieldException.class, () -> new MetricSpec(name, query,
                Optional.ofNullable(interval), OptionalInt.of(count),
                withCondition ? Optional.of(ConditionParser.parse("s", "result < 1")) : Optional.empty(), Optional.empty(),
                failureLimit, inconclusiveLimit, consecutiveErrorLimit)).field());
    }

    @Test
    void theBuiltInTemplateComparesCanaryWithStableOnTheSeedsLabels() {
        Map<String, String> queries = CanaryVersusStableTemplate.create().resolveQueries(CANARY_ARGS);

        String errorRate = queries.get("error-rate");
        assertTrue(errorRate.contains("http_requests_total{application=\"shop\",environment=\"staging\",track=\"canary\",version=\"v2\",code=~\"5..\"}"), errorRate);
        assertTrue(errorRate.contains("track=\"stable\",version=\"v1\""), errorRate);
        assertTrue(queries.get("p99-latency").startsWith("(histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{"));
        queries.values().forEach(query -> assertFalse(query.contains("{{"), query));
    }

    @ParameterizedTest
    @CsvSource({
            "0.001, 0.02,  SUCCESSFUL",
            "0.05,  0.02,  FAILED",
            "0.001, 0.3,   FAILED",
            "NaN,   0.02,  INCONCLUSIVE",
    })
    void theBuiltInTemplateJudgesFiveMinutesOfDifferences(double errorRateIncrease, double p99Increase, AnalysisPhase expected) {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        List<Measurement> errorRate = new java.util.ArrayList<>();
        List<Measurement> latency = new java.util.ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            Instant at = start.plus(Duration.ofMinutes(minute));
            errorRate.add(Measurement.of(at, MetricValue.list(List.of(errorRateIncrease))));
            latency.add(Measurement.of(at, MetricValue.list(List.of(p99Increase))));
        }
        var evaluation = AnalysisRunEngine.evaluate(CanaryVersusStableTemplate.create(),
                Map.of("error-rate", errorRate, "p99-latency", latency), start, false);
        assertEquals(expected, evaluation.phase());
    }
}
