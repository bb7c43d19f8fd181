package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.observability.promql.PromQL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The life of alerts over evaluations one minute apart, as Prometheus 2.42 moves them. The state
 * sequences of {@link #movesAlertsBetweenStates} were checked once against the ALERTS series
 * {@code promtool test rules} produces for the same inputs.
 */
class AlertingRuleStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Sample UP = Sample.of(Map.of("__name__", "up", "instance", "a"), 0);

    private static AlertingRule rule(String hold, String keepFiring, Map<String, String> labels) {
        return AlertingRule.of("InstanceDown", PromQL.parse("up == 0"), Duration.parse(hold), Duration.parse(keepFiring),
                labels, Map.of("summary", "{{ $labels.instance }} is down ({{ $value }})"));
    }

    private static String stateAfter(AlertingRuleState state, int minute, boolean present) {
        List<Sample> series = state.evaluate(T0.plus(Duration.ofMinutes(minute)), present ? List.of(UP) : List.of(), 0);
        List<Alert> alerts = state.export();
        if (alerts.isEmpty()) {
            return "none";
        }
        Alert alert = alerts.get(0);
        if (alert.state() != AlertState.INACTIVE) {
            assertEquals(2, series.size(), "ALERTS and ALERTS_FOR_STATE for an active alert");
            assertEquals(alert.state().spelling(), series.get(0).labels().get("alertstate"));
            assertEquals(alert.activeAt().getEpochSecond(), series.get(1).value());
        } else {
            assertEquals(List.of(), series, "a resolved alert writes no series");
        }
        return alert.state().spelling();
    }

    @ParameterizedTest(name = "for {0}, keep_firing_for {1}: {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            PT2M | PT0S | 1 1 1 1 0 1     | pending pending firing firing inactive pending
            PT0S | PT0S | 1 0 0           | firing inactive inactive
            PT1M | PT2M | 1 1 0 0 0 1     | pending firing firing firing inactive pending
            PT0S | PT2M | 1 0 1 0 0 0     | firing firing firing firing firing inactive
            PT5M | PT0S | 1 1 0 1         | pending pending none pending
            PT5M | PT1H | 1 1 0           | pending pending none
            PT1M | PT0S | 1 0 1 1         | pending none pending firing
            """)
    void movesAlertsBetweenStates(String hold, String keepFiring, String presence, String states) {
        AlertingRuleState state = new AlertingRuleState(rule(hold, keepFiring, Map.of()), Map.of(), "");
        String[] present = presence.split(" ");
        List<String> seen = new ArrayList<>();
        for (int minute = 0; minute < present.length; minute++) {
            seen.add(stateAfter(state, minute, present[minute].equals("1")));
        }
        assertEquals(List.of(states.split(" ")), seen);
    }

    @ParameterizedTest(name = "resolved at 1m, gone {0} minutes later: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            15 | inactive
            16 | none
            """)
    void keepsResolvedAlertsFifteenMinutes(int minutesAfter, String stateThen) {
        AlertingRuleState state = new AlertingRuleState(rule("PT0S", "PT0S", Map.of()), Map.of(), "");
        stateAfter(state, 0, true);
        stateAfter(state, 1, false);
        assertEquals(stateThen, stateAfter(state, 1 + minutesAfter, false));
    }

    @Test
    void labelsAlertsFromSeriesRuleTemplatesAndName() {
        AlertingRuleState state = new AlertingRuleState(rule("PT0S", "PT0S",
                Map.of("severity", "page", "host", "{{ $labels.instance }}-{{ $externalLabels.dc }}", "empty", "{{ \"\" }}")),
                Map.of("dc", "eu1"), "http://prom");
        List<Sample> series = state.evaluate(T0, List.of(UP), 0);
        Alert alert = state.export().get(0);
        assertEquals(Map.of("alertname", "InstanceDown", "instance", "a", "severity", "page", "host", "a-eu1"), alert.labels());
        assertEquals(Map.of("summary", "a is down (0)"), alert.annotations());
        assertEquals(Map.of("__name__", "ALERTS", "alertname", "InstanceDown", "alertstate", "firing", "instance", "a",
                "severity", "page", "host", "a-eu1", "empty", "{{ \"\" }}"), series.get(0).labels());
        assertEquals(Map.of("__name__", "ALERTS_FOR_STATE", "alertname", "InstanceDown", "instance", "a",
                "severity", "page", "host", "a-eu1", "empty", "{{ \"\" }}"), series.get(1).labels());
        assertEquals(T0.getEpochSecond(), series.get(1).value());
    }

    @Test
    void refusesSeriesThatCollideAfterTemplating() {
        AlertingRuleState state = new AlertingRuleState(rule("PT0S", "PT0S", Map.of("instance", "all")), Map.of(), "");
        List<Sample> two = List.of(UP, Sample.of(Map.of("instance", "b"), 0));
        assertEquals("vector contains metrics with the same labelset after applying alert labels",
                assertThrows(RuleEvaluationException.class, () -> state.evaluate(T0, two, 0)).getMessage());
        assertEquals(List.of(), state.export());
    }

    @Test
    void exceedingTheLimitDropsEveryAlert() {
        AlertingRuleState state = new AlertingRuleState(rule("PT0S", "PT0S", Map.of()), Map.of(), "");
        List<Sample> two = List.of(UP, Sample.of(Map.of("instance", "b"), 0));
        assertEquals(4, state.evaluate(T0, two, 2).size());
        assertEquals("exceeded limit of 1 with 2 alerts",
                assertThrows(RuleEvaluationException.class, () -> state.evaluate(T0.plusSeconds(60), two, 1)).getMessage());
        assertEquals(List.of(), state.export());
    }

    @Test
    void continuesHoldAndKeepFiringAfterARestore() {
        AlertingRule rule = rule("PT3M", "PT2M", Map.of());
        AlertingRuleState before = new AlertingRuleState(rule, Map.of(), "");
        stateAfter(before, 0, true);
        stateAfter(before, 1, true);
        AlertingRuleState after = new AlertingRuleState(rule, Map.of(), "");
        after.restore(before.export());
        assertEquals(List.of("pending", "firing", "firing", "firing", "inactive"), List.of(
                stateAfter(after, 2, true), stateAfter(after, 3, true), stateAfter(after, 4, false),
                stateAfter(after, 5, false), stateAfter(after, 6, false)));
        assertEquals(T0, after.export().get(0).activeAt());
        assertEquals(T0.plus(Duration.ofMinutes(3)), after.export().get(0).firedAt());
        assertEquals(T0.plus(Duration.ofMinutes(6)), after.export().get(0).resolvedAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pending alerts are not sent              | PT5M | 1       | ''  | ''
            firing alerts are sent at once           | PT0S | 1       | ''  | 0
            and again after the resend delay         | PT0S | 1 1 1 1 | ''  | 0 2
            resolutions are sent once                | PT0S | 1 0 0   | ''  | 0 1
            a firing alert not taken is sent again   | PT0S | 1 1 1   | 0   | 0 1
            a resolution not taken is sent again     | PT0S | 1 0 0 0 | 1 2 | 0 1 2 3
            """)
    void sendsFiringAndResolvedAlerts(String name, String hold, String presence, String notTakenAtMinutes,
            String sentAtMinutes) {
        List<String> notTaken = List.of(notTakenAtMinutes.split(" "));
        AlertingRuleState state = new AlertingRuleState(rule(hold, "PT0S", Map.of()), Map.of(), "");
        String[] present = presence.split(" ");
        List<String> sent = new ArrayList<>();
        for (int minute = 0; minute < present.length; minute++) {
            Instant at = T0.plus(Duration.ofMinutes(minute));
            state.evaluate(at, present[minute].equals("1") ? List.of(UP) : List.of(), 0);
            List<Alert> alerts = state.alertsToSend(at, Duration.ofMinutes(1), Duration.ofSeconds(30));
            if (!alerts.isEmpty()) {
                sent.add(Integer.toString(minute));
                assertEquals(at.plus(Duration.ofMinutes(4)), alerts.get(0).validUntil());
                if (notTaken.contains(Integer.toString(minute))) {
                    state.markUnsent(alerts);
                }
            }
        }
        assertEquals(sentAtMinutes, String.join(" ", sent));
    }
}
