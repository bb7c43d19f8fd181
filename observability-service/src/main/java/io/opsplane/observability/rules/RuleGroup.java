package io.opsplane.observability.rules;

import java.time.Duration;
import java.util.List;

/**
 * A group of rules evaluated together; {@code interval} is null when the group uses the default
 * evaluation interval, {@code limit} 0 (or less) means no limit.
 */
public record RuleGroup(String name, Duration interval, int limit, List<Rule> rules) {

    public RuleGroup {
        rules = List.copyOf(rules);
    }
}
