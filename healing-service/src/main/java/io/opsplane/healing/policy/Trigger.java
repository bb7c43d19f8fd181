package io.opsplane.healing.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What starts a policy: a firing alert whose labels match, or an event of one type whose fields match. */
public sealed interface Trigger {

    List<LabelMatcher> matchers();

    /** The labels every match of this trigger was checked against, so templates may use them. */
    default Set<String> constrainedLabels() {
        return matchers().stream().map(LabelMatcher::label).collect(Collectors.toUnmodifiableSet());
    }

    default boolean matchesAll(Map<String, String> labels) {
        return matchers().stream().allMatch(matcher -> matcher.matches(labels));
    }

    record Alert(List<LabelMatcher> matchers) implements Trigger {
        public Alert {
            matchers = List.copyOf(matchers);
        }
    }

    /** {@code eventType} is the CloudEvents type's short name, such as {@code DeploymentRolledBack}. */
    record Event(String eventType, List<LabelMatcher> matchers) implements Trigger {
        public Event {
            matchers = List.copyOf(matchers);
        }
    }
}
