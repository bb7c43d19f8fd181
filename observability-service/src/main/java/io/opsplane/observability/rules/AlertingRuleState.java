package io.opsplane.observability.rules;

import io.opsplane.observability.rules.template.TemplateData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The alerts of one alerting rule between evaluations, driven as Prometheus 2.42 drives them:
 * a new result series makes a pending alert, which fires once it has been active for the rule's
 * hold duration; a firing alert whose series is gone keeps firing for keep_firing_for, then
 * resolves and is kept {@link #RESOLVED_RETENTION} so the resolution can be sent. The state can
 * be exported and restored, so pending and firing alerts survive a restart.
 */
public final class AlertingRuleState {

    /** How long Prometheus keeps a resolved alert so that Alertmanager learns it resolved. */
    public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private final AlertingRule rule;
    private final Map<String, String> externalLabels;
    private final String externalUrl;
    /** Active alerts (pending, firing, or resolved within retention) by their labels. */
    private final Map<SortedMap<String, String>, Alert> active = new LinkedHashMap<>();

    public AlertingRuleState(AlertingRule rule, Map<String, String> externalLabels, String externalUrl) {
        this.rule = rule;
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalUrl = externalUrl;
    }

    /**
     * Applies the result of evaluating the rule's query at {@code at} and returns the ALERTS and
     * ALERTS_FOR_STATE samples to write for that time.
     *
     * @param limit the group's limit on alerts, 0 for none
     * @throws RuleEvaluationException when two result series give one label set after templating (the
     *     state is unchanged), or when more alerts than {@code limit} are active (all alerts are dropped)
     */
    public List<Sample> evaluate(Instant at, List<Sample> result, int limit) {
        Map<SortedMap<String, String>, Alert> current = new LinkedHashMap<>();
        for (Sample sample : result) {
            Alert alert = alertFor(sample, at);
            if (current.put(alert.labels(), alert) != null) {
                throw new RuleEvaluationException(
                        "vector contains metrics with the same labelset after applying alert labels");
            }
        }
        for (Alert alert : current.values()) {
            Alert existing = active.get(alert.labels());
            if (existing != null && existing.state() != AlertState.INACTIVE) {
                active.put(alert.labels(), existing.withLatest(alert.value(), alert.annotations()));
            } else {
                active.put(alert.labels(), alert);
            }
        }

        List<Sample> series = new ArrayList<>();
        int activeCount = 0;
        for (Map.Entry<SortedMap<String, String>, Alert> entry : new ArrayList<>(active.entrySet())) {
            Alert alert = entry.getValue();
            if (!current.containsKey(entry.getKey())) {
                boolean keepFiring = false;
                if (alert.state() == AlertState.FIRING && rule.keepFiringFor().compareTo(Duration.ZERO) > 0) {
                    if (alert.keepFiringSince() == null) {
                        alert = alert.withKeepFiringSince(at);
                    }
                    keepFiring = Duration.between(alert.keepFiringSince(), at).compareTo(rule.keepFiringFor()) < 0;
                }
                boolean forget = alert.state() == AlertState.PENDING || (alert.resolvedAt() != null
                        && Duration.between(alert.resolvedAt(), at).compareTo(RESOLVED_RETENTION) > 0);
                if (alert.state() != AlertState.INACTIVE && !keepFiring) {
                    alert = alert.resolved(at);
                }
                if (forget) {
                    active.remove(entry.getKey());
                } else {
                    active.put(entry.getKey(), alert);
                }
                if (!keepFiring) {
                    continue;
                }
            } else if (alert.keepFiringSince() != null) {
                alert = alert.withKeepFiringSince(null);
            }
            activeCount++;
            if (alert.state() == AlertState.PENDING
                    && Duration.between(alert.activeAt(), at).compareTo(rule.holdDuration()) >= 0) {
                alert = alert.fired(at);
            }
            active.put(entry.getKey(), alert);
            series.add(alertsSample(alert));
            series.add(forStateSample(alert));
        }
        if (limit > 0 && activeCount > limit) {
            active.clear();
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + activeCount + " alerts");
        }
        return series;
    }

    private Alert alertFor(Sample sample, Instant at) {
        TemplateData data = new TemplateData(sample.labels(), externalLabels, externalUrl, sample.value());
        SortedMap<String, String> labels = new TreeMap<>(sample.labels());
        labels.remove("__name__");
        rule.labelTemplates().forEach((name, template) ->
                RecordingRule.setOrRemove(labels, name, template.expandOrDescribeError(data)));
        labels.put("alertname", rule.name());
        SortedMap<String, String> annotations = new TreeMap<>();
        rule.annotationTemplates().forEach((name, template) -> annotations.put(name, template.expandOrDescribeError(data)));
        return new Alert(labels, annotations, AlertState.PENDING, sample.value(), at, null, null, null, null, null);
    }

    private SortedMap<String, String> seriesLabels(Alert alert, String metricName) {
        SortedMap<String, String> labels = new TreeMap<>(rule.labels());
        labels.putAll(alert.labels());
        labels.put("__name__", metricName);
        labels.put("alertname", rule.name());
        return labels;
    }

    private Sample alertsSample(Alert alert) {
        SortedMap<String, String> labels = seriesLabels(alert, "ALERTS");
        labels.put("alertstate", alert.state().spelling());
        return new Sample(labels, 1);
    }

    private Sample forStateSample(Alert alert) {
        return new Sample(seriesLabels(alert, "ALERTS_FOR_STATE"), alert.activeAt().getEpochSecond());
    }

    /**
     * The alerts to send to the alert manager at {@code at}, marked as sent: firing alerts not sent
     * within {@code resendDelay}, and alerts resolved since they were last sent. Each is valid until
     * four times the larger of {@code resendDelay} and the group's {@code interval}.
     */
    public List<Alert> alertsToSend(Instant at, Duration resendDelay, Duration interval) {
        Duration validFor = (interval.compareTo(resendDelay) > 0 ? interval : resendDelay).multipliedBy(4);
        List<Alert> toSend = new ArrayList<>();
        for (Map.Entry<SortedMap<String, String>, Alert> entry : active.entrySet()) {
            Alert alert = entry.getValue();
            if (needsSending(alert, at, resendDelay)) {
                Alert sent = alert.sent(at, at.plus(validFor));
                entry.setValue(sent);
                toSend.add(sent);
            }
        }
        return toSend;
    }

    /**
     * Takes back the marks of {@link #alertsToSend} for alerts the alert manager did not take (it refused or was not
     * reached), so that the next evaluation sends them again instead of waiting for the resend delay, or, for a
     * resolution, forever. An alert sent again since is left as it is.
     */
    public void markUnsent(List<Alert> notTaken) {
        for (Alert alert : notTaken) {
            Alert current = active.get(alert.labels());
            if (current != null && alert.lastSentAt() != null && alert.lastSentAt().equals(current.lastSentAt())) {
                active.put(alert.labels(), current.sent(null, null));
            }
        }
    }

    private static boolean needsSending(Alert alert, Instant at, Duration resendDelay) {
        if (alert.state() == AlertState.PENDING) {
            return false;
        }
        if (alert.resolvedAt() != null && (alert.lastSentAt() == null || alert.resolvedAt().isAfter(alert.lastSentAt()))) {
            return true;
        }
        return alert.lastSentAt() == null || alert.lastSentAt().plus(resendDelay).isBefore(at);
    }

    /** The active alerts (pending, firing and recently resolved), to store. */
    public List<Alert> export() {
        return List.copyOf(active.values());
    }

    /** Continues from alerts exported earlier, replacing the current state. */
    public void restore(List<Alert> alerts) {
        active.clear();
        for (Alert alert : alerts) {
            active.put(alert.labels(), alert);
        }
    }
}
