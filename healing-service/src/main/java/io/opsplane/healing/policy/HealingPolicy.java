package io.opsplane.healing.policy;

import io.opsplane.platform.yaml.YamlLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated healing policy: any trigger plus the conditions select it, then its actions run in order. The
 * location is where the policy is written, for messages about it as a whole (such as a cycle).
 */
public record HealingPolicy(String name, int priority, boolean enabled, Duration cooldown, Optional<RateLimit> rateLimit,
        List<Trigger> triggers, Conditions conditions, List<Action> actions, YamlLocation location) {

    public HealingPolicy {
        triggers = List.copyOf(triggers);
        actions = List.copyOf(actions);
    }

    /** Whether a firing alert with these labels selects this policy at {@code now}. */
    public boolean selectedByAlert(Map<String, String> labels, Instant now) {
        return enabled && conditions.hold(labels, now) && triggers.stream()
                .anyMatch(trigger -> trigger instanceof Trigger.Alert && trigger.matchesAll(labels));
    }

    /** Whether an event of {@code eventType} with these fields selects this policy at {@code now}. */
    public boolean selectedByEvent(String eventType, Map<String, String> fields, Instant now) {
        return enabled && conditions.hold(fields, now) && triggers.stream().anyMatch(trigger ->
                trigger instanceof Trigger.Event event && event.eventType().equals(eventType) && event.matchesAll(fields));
    }
}
