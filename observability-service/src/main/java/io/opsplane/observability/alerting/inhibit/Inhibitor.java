package io.opsplane.observability.alerting.inhibit;

import io.opsplane.observability.alerting.alert.Alert;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alertmanager's inhibition: an alert matching a rule's target is muted while a firing alert matches the rule's
 * source and has the same values for the {@code equal} labels (absent counts as ""). When the target alert also
 * matches the source side, sources that also match the target side are not counted, so an alert matching both
 * sides never inhibits itself.
 */
public final class Inhibitor {

    private final List<InhibitRule> rules;

    public Inhibitor(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public boolean inhibits(Map<String, String> target, Collection<Alert> alerts, Instant now) {
        for (InhibitRule rule : rules) {
            if (!rule.target().matches(target)) {
                continue;
            }
            boolean targetIsAlsoSource = rule.source().matches(target);
            for (Alert source : alerts) {
                if (source.resolvedAt(now) || !rule.source().matches(source.labels())) {
                    continue;
                }
                if (targetIsAlsoSource && rule.target().matches(source.labels())) {
                    continue;
                }
                if (sameEqualLabels(rule, source.labels(), target)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameEqualLabels(InhibitRule rule, Map<String, String> source, Map<String, String> target) {
        for (String name : rule.equal()) {
            if (!Objects.equals(source.getOrDefault(name, ""), target.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
