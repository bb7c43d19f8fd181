package io.opsplane.observability.alerting.escalation;

import java.time.Duration;
import java.util.List;

/**
 * Who is told, and when, about an alert group nobody acknowledges: each level's receivers are notified once its
 * delay, counted from when the group started firing, has passed. Delays strictly increase from level to level.
 */
public record EscalationPolicy(String name, List<Level> levels) {

    public record Level(Duration delay, List<String> receivers) {

        public Level {
            receivers = List.copyOf(receivers);
        }
    }

    public EscalationPolicy {
        levels = List.copyOf(levels);
        if (name == null || name.isBlank()) {
            throw new InvalidPolicyException("name: required");
        }
        if (levels.isEmpty()) {
            throw new InvalidPolicyException("levels: at least one level required");
        }
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            if (level.delay().isNegative()) {
                throw new InvalidPolicyException("levels[" + i + "].delay: cannot be negative");
            }
            if (i > 0 && level.delay().compareTo(levels.get(i - 1).delay()) <= 0) {
                throw new InvalidPolicyException("levels[" + i + "].delay: must be longer than the delay of level "
                        + (i - 1));
            }
            if (level.receivers().isEmpty()) {
                throw new InvalidPolicyException("levels[" + i + "].receivers: at least one receiver required");
            }
        }
    }
}
