package io.opsplane.observability.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluates the rules of one group in order at one time, as Prometheus 2.42's Group.Eval does:
 * each rule's query goes to the TSDB through {@link InstantQuery}, its series and the stale markers
 * of series it stopped writing are handed to the caller before the next rule runs (so later rules
 * can read what earlier ones recorded once it is written), and alerting rules say which alerts to
 * send. A failed rule writes nothing and keeps its previous series; the others still run.
 */
public final class RuleGroupEvaluator {

    /** The TSDB's instant query: the series of {@code expr} at {@code at}; it throws when the query fails. */
    @FunctionalInterface
    public interface InstantQuery {
        List<Sample> query(String expr, Instant at);
    }

    /** What one rule produced: series to write (with stale markers), alerts to send, or the error. */
    public record RuleResult(Rule rule, List<Sample> series, List<Sample> staleMarkers, List<Alert> alertsToSend,
            String error) {
        public RuleResult {
            series = List.copyOf(series);
            staleMarkers = List.copyOf(staleMarkers);
            alertsToSend = List.copyOf(alertsToSend);
        }
    }

    private final RuleGroup group;
    private final Duration interval;
    private final Duration resendDelay;
    private final List<StaleSeries> previousSeries = new ArrayList<>();
    private final Map<Integer, AlertingRuleState> alertStates = new LinkedHashMap<>();
    private final List<String> ruleKeys = new ArrayList<>();

    /**
     * @param defaultInterval the interval of groups that set none (Prometheus's evaluation_interval)
     * @param resendDelay how often firing alerts are sent again (Prometheus's --rules.alert.resend-delay)
     */
    public RuleGroupEvaluator(RuleGroup group, Map<String, String> externalLabels, String externalUrl,
            Duration defaultInterval, Duration resendDelay) {
        this.group = group;
        this.interval = group.interval() != null ? group.interval() : defaultInterval;
        this.resendDelay = resendDelay;
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < group.rules().size(); i++) {
            Rule rule = group.rules().get(i);
            // Prometheus keys a rule by name and labels; repeats are told apart by their order.
            String key = rule.name() + rule.labels();
            int repeat = seen.merge(key, 1, Integer::sum) - 1;
            ruleKeys.add(repeat == 0 ? key : key + "#" + repeat);
            previousSeries.add(new StaleSeries());
            if (rule instanceof AlertingRule alerting) {
                alertStates.put(i, new AlertingRuleState(alerting, externalLabels, externalUrl));
            }
        }
    }

    public Duration interval() {
        return interval;
    }

    /** Evaluates every rule at {@code at}, handing each rule's result to {@code sink} before the next rule. */
    public void evaluate(Instant at, InstantQuery query, Consumer<RuleResult> sink) {
        for (int i = 0; i < group.rules().size(); i++) {
            Rule rule = group.rules().get(i);
            List<Sample> series;
            try {
                List<Sample> result = query.query(rule.expr().query(), at);
                series = rule instanceof RecordingRule recording
                        ? recording.evaluate(result, group.limit())
                        : alertStates.get(i).evaluate(at, result, group.limit());
            } catch (RuntimeException e) {
                sink.accept(new RuleResult(rule, List.of(), List.of(), List.of(),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                continue;
            }
            List<Alert> toSend = rule instanceof AlertingRule
                    ? alertStates.get(i).alertsToSend(at, resendDelay, interval) : List.of();
            sink.accept(new RuleResult(rule, series, previousSeries.get(i).markersFor(series), toSend, null));
        }
    }

    /** The alert manager did not take these alerts of {@code rule}: the next evaluation sends them again. */
    public void markUnsent(Rule rule, List<Alert> notTaken) {
        for (int i = 0; i < group.rules().size(); i++) {
            if (group.rules().get(i) == rule && alertStates.containsKey(i)) {
                alertStates.get(i).markUnsent(notTaken);
            }
        }
    }

    /** The alerts of every alerting rule, keyed as Prometheus keys rules across reloads: name and labels. */
    public Map<String, List<Alert>> exportAlerts() {
        Map<String, List<Alert>> alerts = new LinkedHashMap<>();
        alertStates.forEach((index, state) -> alerts.put(ruleKeys.get(index), state.export()));
        return alerts;
    }

    /** Continues from exported alerts; rules not in {@code alerts} start empty, unknown keys are ignored. */
    public void restoreAlerts(Map<String, List<Alert>> alerts) {
        alertStates.forEach((index, state) -> state.restore(alerts.getOrDefault(ruleKeys.get(index), List.of())));
    }
}
