package io.opsplane.healing.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The enabled policies that a firing alert or an event selects, highest priority first, then by name. */
public final class PolicySelection {

    private static final Comparator<HealingPolicy> ORDER =
            Comparator.comparingInt(HealingPolicy::priority).reversed().thenComparing(HealingPolicy::name);

    private PolicySelection() {
    }

    public static List<HealingPolicy> forAlert(List<HealingPolicy> policies, Map<String, String> labels,
            Instant now) {
        return policies.stream().filter(policy -> policy.selectedByAlert(labels, now)).sorted(ORDER).toList();
    }

    public static List<HealingPolicy> forEvent(List<HealingPolicy> policies, String eventType,
            Map<String, String> fields, Instant now) {
        return policies.stream().filter(policy -> policy.selectedByEvent(eventType, fields, now)).sorted(ORDER)
                .toList();
    }
}
