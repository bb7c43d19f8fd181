package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.escalation.EscalationPolicy;
import io.opsplane.observability.alerting.matcher.Matcher;
import io.opsplane.observability.alerting.matcher.Matchers;
import java.util.List;
import java.util.Map;

/**
 * An escalation policy and the alert groups it applies to: those whose common labels match every matcher. A
 * group matched by several policies follows the first by name.
 */
public record SelectedPolicy(EscalationPolicy policy, List<Matcher> matchers) {

    public SelectedPolicy {
        matchers = List.copyOf(matchers);
    }

    public boolean selects(Map<String, String> commonLabels) {
        return new Matchers(matchers).matches(commonLabels);
    }
}
