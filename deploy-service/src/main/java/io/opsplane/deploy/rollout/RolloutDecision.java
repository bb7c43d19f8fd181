package io.opsplane.deploy.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The status to store, the actions to take after storing it, and when to look again at the latest. */
public record RolloutDecision(RolloutStatus status, List<RolloutAction> actions, Optional<Instant> reconcileAt) {

    public RolloutDecision {
        actions = List.copyOf(actions);
    }
}
