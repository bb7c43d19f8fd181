package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.promql.PromQL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaleSeriesTest {

    private static List<Sample> series(String names) {
        return names.isEmpty() ? List.of()
                : java.util.Arrays.stream(names.split(",")).map(n -> Sample.of(Map.of("__name__", n), 1)).toList();
    }

    @ParameterizedTest(name = "{0} then {1} marks {2} stale")
    @CsvSource(delimiter = '|', textBlock = """
            a,b   | a,b   | ''
            a,b   | b     | a
            a,b   | ''    | a,b
            ''    | a     | ''
            a     | c     | a
            """)
    void marksSeriesThatWereWrittenBeforeButNotNow(String before, String now, String stale) {
        StaleSeries memory = new StaleSeries();
        memory.markersFor(series(before));
        List<Sample> markers = memory.markersFor(series(now));
        assertEquals(stale, String.join(",", markers.stream().map(s -> s.labels().get("__name__")).toList()));
        markers.forEach(marker -> assertTrue(StaleSeries.isStaleMarker(marker.value())));
        assertFalse(StaleSeries.isStaleMarker(Double.NaN));
    }

    @org.junit.jupiter.api.Test
    void aResolvedAlertsSeriesGoStale() {
        AlertingRule rule = AlertingRule.of("Down", PromQL.parse("up == 0"), Duration.ZERO, Duration.ZERO, Map.of(), Map.of());
        AlertingRuleState state = new AlertingRuleState(rule, Map.of(), "");
        StaleSeries memory = new StaleSeries();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        memory.markersFor(state.evaluate(t0, List.of(Sample.of(Map.of("instance", "a"), 0)), 0));
        List<Sample> markers = memory.markersFor(state.evaluate(t0.plusSeconds(60), List.of(), 0));
        assertEquals(List.of("ALERTS", "ALERTS_FOR_STATE"), markers.stream().map(s -> s.labels().get("__name__")).toList());
    }
}
