package io.opsplane.observability.alerting.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Escalation of firing alert groups, deterministic on the {@code now} it is given: a group that fires starts at
 * level 0 of its policy, {@link #due} returns each level whose delay has passed (each at most once, in order), and
 * an acknowledgement or the group's resolution stops it. The state is exported and restored as records. Not
 * thread-safe: one caller at a time.
 */
public final class Escalations {

    private final Map<String, EscalationPolicy> policies;
    private final Map<String, EscalationState> states = new LinkedHashMap<>();

    public Escalations(Map<String, EscalationPolicy> policies) {
        this.policies = Map.copyOf(policies);
    }

    /** Goes on from saved states; those whose policy no longer exists are dropped. */
    public static Escalations restore(Map<String, EscalationPolicy> policies, List<EscalationState> saved) {
        Escalations escalations = new Escalations(policies);
        saved.stream().filter(state -> policies.containsKey(state.policy()))
                .forEach(state -> escalations.states.put(state.groupKey(), state));
        return escalations;
    }

    /** The group fires; it starts escalating under {@code policy} unless it already is. */
    public void firing(String groupKey, String policy, Instant now) {
        if (!policies.containsKey(policy)) {
            throw new InvalidPolicyException("unknown escalation policy '" + policy + "'");
        }
        states.putIfAbsent(groupKey, new EscalationState(groupKey, policy, now, 0, Optional.empty(),
                Optional.empty()));
    }

    /** Stops the group's escalation; false when it is not escalating or already acknowledged. */
    public boolean acknowledge(String groupKey, String by, Instant now) {
        EscalationState state = states.get(groupKey);
        if (state == null || state.acknowledged()) {
            return false;
        }
        states.put(groupKey, new EscalationState(groupKey, state.policy(), state.firingSince(),
                state.levelsNotified(), Optional.of(by), Optional.of(now)));
        return true;
    }

    /** The group resolved: its escalation ends and is forgotten. */
    public void resolved(String groupKey) {
        states.remove(groupKey);
    }

    /** The levels that are due now, each returned once. */
    public List<EscalationStep> due(Instant now) {
        List<EscalationStep> steps = new ArrayList<>();
        for (EscalationState state : List.copyOf(states.values())) {
            if (state.acknowledged()) {
                continue;
            }
            EscalationPolicy policy = policies.get(state.policy());
            int notified = state.levelsNotified();
            while (notified < policy.levels().size()
                    && !state.firingSince().plus(policy.levels().get(notified).delay()).isAfter(now)) {
                steps.add(new EscalationStep(state.groupKey(), policy.name(), notified,
                        policy.levels().get(notified).receivers()));
                notified++;
            }
            states.put(state.groupKey(), new EscalationState(state.groupKey(), state.policy(), state.firingSince(),
                    notified, state.acknowledgedBy(), state.acknowledgedAt()));
        }
        return steps;
    }

    public List<EscalationState> export() {
        return List.copyOf(states.values());
    }
}
