package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.promql.LabelMatcher;
import io.opsplane.observability.rules.Alert;
import io.opsplane.observability.rules.AlertingRule;
import io.opsplane.observability.rules.GroupSchedule;
import io.opsplane.observability.rules.RuleGroup;
import io.opsplane.observability.rules.RuleGroupEvaluator;
import io.opsplane.observability.rules.Sample;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule group of one namespace version, evaluated at its schedule's slots: each rule's query at the slot
 * time, its series (and stale markers) written back to the store before a later rule reads them, its alerts to send
 * handed over at once. A rule that fails (the store down, a bad query, a write refused) reports "err" with the
 * reason and the next evaluation tries again; nothing is thrown.
 */
public final class GroupRunner {

    /** Where an evaluation's results go. */
    public interface Output {
        /** Writes series into the store; throws when it cannot. */
        void write(List<RemoteWriteBody.Series> series);

        /** Hands alerts to the alert manager. */
        void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at);
    }

    private final String namespace;
    private final long version;
    private final RuleGroup group;
    private final RuleGroupEvaluator evaluator;
    private volatile GroupSchedule schedule;
    private final String externalUrl;
    private final Map<String, String> externalLabels;
    private final List<RuleHealth> health = new ArrayList<>();
    /** The metric names each rule reads, and whether it also reads by a selector without a name. */
    private final List<Set<String>> readNames = new ArrayList<>();
    private final boolean[] readsUnnamed;
    private GroupStatus lastStatus;

    public GroupRunner(String namespace, long version, RuleGroup group, Map<String, String> externalLabels,
            String externalUrl, Duration defaultInterval, Duration resendDelay) {
        this.namespace = namespace;
        this.version = version;
        this.group = group;
        this.externalUrl = externalUrl;
        this.externalLabels = Map.copyOf(externalLabels);
        this.evaluator = new RuleGroupEvaluator(group, externalLabels, externalUrl, defaultInterval, resendDelay);
        this.schedule = new GroupSchedule(namespace, group.name(), evaluator.interval());
        group.rules().forEach(rule -> {
            health.add(RuleHealth.unknown());
            readNames.add(rule.expr().metricNames());
        });
        readsUnnamed = new boolean[group.rules().size()];
        for (int i = 0; i < readsUnnamed.length; i++) {
            readsUnnamed[i] = group.rules().get(i).expr().selectors().stream().anyMatch(selector -> selector.matchers()
                    .stream().noneMatch(matcher -> matcher.name().equals("__name__")
                            && matcher.type() == LabelMatcher.Type.EQUAL));
        }
    }

    public String namespace() {
        return namespace;
    }

    public long version() {
        return version;
    }

    public RuleGroup group() {
        return group;
    }

    public GroupSchedule schedule() {
        return schedule;
    }

    /** Evaluates at {@code offset} in the interval from now on (instead of the hash-spread default). */
    public void alignTo(java.time.Duration offset) {
        schedule = GroupSchedule.aligned(evaluator.interval(), offset);
    }

    public Duration interval() {
        return evaluator.interval();
    }

    /** The last evaluation's status; null before the first. */
    public synchronized GroupStatus lastStatus() {
        return lastStatus;
    }

    public synchronized Map<String, List<Alert>> exportAlerts() {
        return evaluator.exportAlerts();
    }

    public synchronized void restoreAlerts(Map<String, List<Alert>> alerts) {
        evaluator.restoreAlerts(alerts);
    }

    /**
     * Evaluates every rule at {@code slot}; {@code clock} measures how long each took. Results are written to the
     * store in batches: a rule's series are held back until a later rule reads one of their metric names (or reads
     * by a selector without a name), so that rule sees them as in Prometheus, and the rest go out after the last
     * rule. A batch the store refuses marks every rule in it "err".
     */
    public synchronized GroupStatus evaluate(Instant slot, RuleGroupEvaluator.InstantQuery query, Output output,
            Clock clock) {
        long slotMs = slot.toEpochMilli();
        Instant groupStart = clock.instant();
        Instant[] ruleStart = {groupStart};
        int[] index = {0};
        Batch batch = new Batch();
        evaluator.evaluate(slot, query, result -> {
            int rule = index[0]++;
            String error = result.error();
            if (error == null) {
                List<Sample> all = new ArrayList<>(result.series());
                all.addAll(result.staleMarkers());
                batch.add(rule, all, slotMs);
                // Alerts go out even when the store refuses the ALERTS series: the alert manager must not wait.
                error = send(result, output, clock);
            }
            Instant now = clock.instant();
            health.set(rule, new RuleHealth(error == null ? RuleHealth.OK : RuleHealth.ERR,
                    error == null ? "" : error, slot, Duration.between(ruleStart[0], now)));
            if (rule + 1 >= readNames.size() || batch.readBy(readNames.get(rule + 1), readsUnnamed[rule + 1])) {
                batch.flush(output, slot);
            }
            ruleStart[0] = clock.instant();
        });
        batch.flush(output, slot);
        lastStatus = new GroupStatus(namespace, version, group.name(), slot, Duration.between(groupStart, clock.instant()),
                health);
        return lastStatus;
    }

    /** Hands a rule's alerts to send to the alert manager; the error, or null. */
    private String send(RuleGroupEvaluator.RuleResult result, Output output, Clock clock) {
        if (result.alertsToSend().isEmpty() || !(result.rule() instanceof AlertingRule alerting)) {
            return null;
        }
        // Prometheus links the query as it prints it, not as the rule file spells it.
        String generator = AlertConversion.generatorUrl(externalUrl, alerting.expr().printed());
        try {
            output.send(result.alertsToSend().stream()
                    .map(alert -> AlertConversion.toAlertManager(alert, generator, externalLabels)).toList(),
                    clock.instant());
            return null;
        } catch (RuntimeException e) {
            // Not taken: sent again at the next evaluation (a resolution would otherwise never be).
            evaluator.markUnsent(alerting, result.alertsToSend());
            return "sending alerts: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Series held back for one write, the metric names among them and the rules they come from. */
    private final class Batch {
        private final List<RemoteWriteBody.Series> series = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private final List<Integer> rules = new ArrayList<>();

        void add(int rule, List<Sample> samples, long timestampMs) {
            for (Sample sample : samples) {
                series.add(new RemoteWriteBody.Series(sample.labels(), List.of(new RemoteWriteBody.Sample(timestampMs,
                        sample.value()))));
                names.add(sample.labels().getOrDefault("__name__", ""));
            }
            if (!samples.isEmpty()) {
                rules.add(rule);
            }
        }

        /** Whether a rule reading {@code metricNames} (and unnamed selectors when {@code unnamed}) needs it written. */
        boolean readBy(Set<String> metricNames, boolean unnamed) {
            return !series.isEmpty() && (unnamed || metricNames.stream().anyMatch(names::contains));
        }

        void flush(Output output, Instant slot) {
            if (!series.isEmpty()) {
                try {
                    output.write(List.copyOf(series));
                } catch (RuntimeException e) {
                    String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    for (int rule : rules) {
                        health.set(rule, new RuleHealth(RuleHealth.ERR, error, slot,
                                health.get(rule).evaluationTime()));
                    }
                }
            }
            series.clear();
            names.clear();
            rules.clear();
        }
    }
}
