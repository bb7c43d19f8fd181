package io.opsplane.deploy.rollout;

import io.opsplane.deploy.validation.InvalidFieldException;

/**
 * Percent of traffic to the old release (stable, or blue) and to the new one (canary, or green).
 * The two always add up to 100.
 */
public record TrafficWeights(int stable, int canary) {

    public static final TrafficWeights ALL_STABLE = new TrafficWeights(100, 0);
    public static final TrafficWeights ALL_CANARY = new TrafficWeights(0, 100);

    public TrafficWeights {
        InvalidFieldException.requireRange("weights.stable", stable, 0, 100);
        InvalidFieldException.requireRange("weights.canary", canary, 0, 100);
        if (stable + canary != 100) {
            throw new InvalidFieldException("weights", "stable and canary must add up to 100, were " + stable + " + " + canary);
        }
    }

    public static TrafficWeights canaryAt(int canaryPercent) {
        InvalidFieldException.requireRange("weights.canary", canaryPercent, 0, 100);
        return new TrafficWeights(100 - canaryPercent, canaryPercent);
    }

    public int of(Track track) {
        return track.carriesNewRelease() ? canary : stable;
    }
}
