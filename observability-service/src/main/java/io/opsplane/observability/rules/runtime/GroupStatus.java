package io.opsplane.observability.rules.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A group's last evaluation: when, how long, and each rule's health, in the rules' order. */
public record GroupStatus(String namespace, long version, String group, Instant lastEvaluation, Duration evaluationTime,
        List<RuleHealth> rules) {

    public GroupStatus {
        rules = List.copyOf(rules);
    }
}
