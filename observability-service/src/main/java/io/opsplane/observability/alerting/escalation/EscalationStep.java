package io.opsplane.observability.alerting.escalation;

import java.util.List;

/** A level that is due: notify {@code receivers} about {@code groupKey} (level 0 is the first). */
public record EscalationStep(String groupKey, String policy, int level, List<String> receivers) {

    public EscalationStep {
        receivers = List.copyOf(receivers);
    }
}
