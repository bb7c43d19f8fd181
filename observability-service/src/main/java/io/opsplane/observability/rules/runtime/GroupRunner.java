package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.rules.Alert;
import io.opsplane.observability.rules.AlertingRule;
import io.opsplane.observability.rules.GroupSchedule;
import io.opsplane.observability.rules.Rule;
import io.opsplane.observability.rules.RuleGroup;
import io.opsplane.observability.rules.RuleGroupEvaluator;
import io.opsplane.observability.rules.Sample;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rule group of one namespace version, evaluated at its schedule's slots: each rule's query at the slot
 * time, its series (and stale markers) written back to the store before the next rule runs, its alerts to send
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
    private final GroupSchedule schedule;
    private final String externalUrl;
    private final Map<String, String> externalLabels;
    private final List<RuleHealth> health = new ArrayList<>();
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
        group.rules().forEach(rule -> health.add(RuleHealth.unknown()));
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

    /** Evaluates every rule at {@code slot}; {@code clock} measures how long each took. */
    public synchronized GroupStatus evaluate(Instant slot, RuleGroupEvaluator.InstantQuery query, Output output,
            Clock clock) {
        long slotMs = slot.toEpochMilli();
        Instant groupStart = clock.instant();
        Instant[] ruleStart = {groupStart};
        int[] index = {0};
        evaluator.evaluate(slot, query, result -> {
            Rule rule = result.rule();
            String error = result.error();
            if (error == null) {
                try {
                    List<Sample> all = new ArrayList<>(result.series());
                    all.addAll(result.staleMarkers());
                    output.write(all.stream().map(sample -> new RemoteWriteBody.Series(sample.labels(),
                            List.of(new RemoteWriteBody.Sample(slotMs, sample.value())))).toList());
                } catch (RuntimeException e) {
                    error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                // Alerts go out even when the store refused the ALERTS series: the alert manager must not wait.
                if (!result.alertsToSend().isEmpty() && rule instanceof AlertingRule alerting) {
                    String generator = AlertConversion.generatorUrl(externalUrl, alerting.expr().query());
                    try {
                        output.send(result.alertsToSend().stream()
                                .map(alert -> AlertConversion.toAlertManager(alert, generator, externalLabels)).toList(),
                                clock.instant());
                    } catch (RuntimeException e) {
                        // Not taken: sent again at the next evaluation (a resolution would otherwise never be).
                        evaluator.markUnsent(rule, result.alertsToSend());
                        error = "sending alerts: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    }
                }
            }
            Instant now = clock.instant();
            health.set(index[0], new RuleHealth(error == null ? RuleHealth.OK : RuleHealth.ERR,
                    error == null ? "" : error, slot, Duration.between(ruleStart[0], now)));
            ruleStart[0] = now;
            index[0]++;
        });
        lastStatus = new GroupStatus(namespace, version, group.name(), slot, Duration.between(groupStart, clock.instant()),
                health);
        return lastStatus;
    }
}
