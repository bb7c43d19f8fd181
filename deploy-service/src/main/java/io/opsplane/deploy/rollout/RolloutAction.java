package io.opsplane.deploy.rollout;

/** Side effects the caller performs, in order, after storing the new status. */
public sealed interface RolloutAction {

    record StartInstances(Track track, String version, int replicas) implements RolloutAction {
    }

    /** Applied at the router in one batch, so a blue-green switch is atomic. */
    record SetWeights(TrafficWeights weights) implements RolloutAction {
    }

    /** Idempotent by run name: a run that already exists is left alone. */
    record StartAnalysis(String runName, String templateName) implements RolloutAction {
    }

    record StopAnalysis(String runName) implements RolloutAction {
    }

    record ScaleDown(Track track) implements RolloutAction {
    }

    /** A release rolled back for cause is not rolled out again automatically. */
    record MarkReleaseBad(String version, String reason) implements RolloutAction {
    }
}
