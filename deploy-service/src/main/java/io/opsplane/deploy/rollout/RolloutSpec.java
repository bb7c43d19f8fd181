package io.opsplane.deploy.rollout;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.util.Objects;

/**
 * What a rollout should achieve. {@code progressDeadline} bounds how long it may wait for something
 * that does not happen (instances never healthy, an analysis run that never reports) before it
 * fails instead of looking busy forever.
 */
public record RolloutSpec(String releaseVersion, int replicas, Strategy strategy, Duration progressDeadline) {

    public static final int MAX_REPLICAS = 1000;

    public RolloutSpec {
        InvalidFieldException.requireText("releaseVersion", releaseVersion);
        InvalidFieldException.requireRange("replicas", replicas, 0, MAX_REPLICAS);
        Objects.requireNonNull(strategy, "strategy");
        if (progressDeadline.isNegative() || progressDeadline.isZero()) {
            throw new InvalidFieldException("progressDeadline", "must be positive, was " + progressDeadline);
        }
    }
}
