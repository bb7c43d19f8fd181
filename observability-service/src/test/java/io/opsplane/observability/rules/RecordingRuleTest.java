package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.observability.promql.PromQL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingRuleTest {

    private static RecordingRule rule(Map<String, String> labels) {
        return new RecordingRule("job:up:sum", PromQL.parse("sum by (job) (up)"), new java.util.TreeMap<>(labels));
    }

    @Test
    void namesSeriesAfterTheRuleAndSetsItsLabels() {
        List<Sample> out = rule(Map.of("team", "ops", "job", "")).evaluate(
                List.of(Sample.of(Map.of("__name__", "up", "job", "api", "zone", "a"), 3)), 0);
        assertEquals(List.of(Sample.of(Map.of("__name__", "job:up:sum", "team", "ops", "zone", "a"), 3)), out);
    }

    @Test
    void refusesDuplicateSeriesAndTooManySeries() {
        List<Sample> two = List.of(Sample.of(Map.of("job", "a"), 1), Sample.of(Map.of("job", "b"), 2));
        assertEquals("vector contains metrics with the same labelset after applying rule labels",
                assertThrows(RuleEvaluationException.class, () -> rule(Map.of("job", "x")).evaluate(two, 0)).getMessage());
        assertEquals("exceeded limit of 1 with 2 series",
                assertThrows(RuleEvaluationException.class, () -> rule(Map.of()).evaluate(two, 1)).getMessage());
        assertEquals(2, rule(Map.of()).evaluate(two, 2).size());
    }
}
