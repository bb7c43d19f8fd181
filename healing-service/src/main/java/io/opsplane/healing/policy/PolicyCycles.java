package io.opsplane.healing.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds policies that would trigger each other without end: policy A leads to B when one of A's actions causes an
 * event type B has an event trigger for, and that trigger's {@code policy} and {@code action} filters (the fields
 * remediation events carry) admit A and that action. Filters on other fields cannot be decided before the event
 * exists, so they are taken as matching.
 */
public final class PolicyCycles {

    private enum Mark { VISITING, DONE }

    private PolicyCycles() {
    }

    /** The first cycle found, as the policies along it with the first repeated at the end. */
    public static Optional<List<HealingPolicy>> find(List<HealingPolicy> policies) {
        Map<String, Mark> marks = new HashMap<>();
        for (HealingPolicy start : policies) {
            List<HealingPolicy> path = new ArrayList<>();
            Optional<List<HealingPolicy>> cycle = visit(start, policies, marks, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<HealingPolicy>> visit(HealingPolicy policy, List<HealingPolicy> policies,
            Map<String, Mark> marks, List<HealingPolicy> path) {
        Mark mark = marks.get(policy.name());
        if (mark == Mark.DONE) {
            return Optional.empty();
        }
        if (mark == Mark.VISITING) {
            List<HealingPolicy> cycle = new ArrayList<>(path.subList(path.indexOf(policy), path.size()));
            cycle.add(policy);
            return Optional.of(cycle);
        }
        marks.put(policy.name(), Mark.VISITING);
        path.add(policy);
        for (HealingPolicy next : policies) {
            if (leadsTo(policy, next)) {
                Optional<List<HealingPolicy>> cycle = visit(next, policies, marks, path);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        marks.put(policy.name(), Mark.DONE);
        return Optional.empty();
    }

    static boolean leadsTo(HealingPolicy from, HealingPolicy to) {
        for (Action action : from.actions()) {
            for (Trigger trigger : to.triggers()) {
                if (trigger instanceof Trigger.Event event && action.type().causes(event.eventType())
                        && admits(event, "policy", from.name()) && admits(event, "action", action.type().spelling())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean admits(Trigger.Event event, String field, String value) {
        return event.matchers().stream().filter(matcher -> matcher.label().equals(field))
                .allMatch(matcher -> matcher.admits(value));
    }
}
