package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.AnalysisPhase;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.deploy.rollout.RolloutPhase;
import io.opsplane.deploy.rollout.RolloutSpec;
import io.opsplane.deploy.rollout.RolloutStatus;
import io.opsplane.deploy.rollout.Strategy;
import io.opsplane.deploy.rollout.Track;
import io.opsplane.deploy.rollout.TrafficWeights;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Moves a rollout row's spec and status to the engine's records and back. */
public final class RolloutState {

    private RolloutState() {
    }

    public static Strategy strategy(Rollout rollout) {
        return Specs.strategy("strategy", Catalog.parse(rollout.strategy, io.opsplane.proto.deploy.v1.Strategy.newBuilder()).build());
    }

    public static RolloutSpec spec(Rollout rollout, String version) {
        return new RolloutSpec(version, rollout.replicas, strategy(rollout), Duration.ofMillis(rollout.progressDeadlineMs));
    }

    public static RolloutStatus status(Rollout rollout) {
        Map<String, AnalysisPhase> runs = new LinkedHashMap<>();
        new JsonObject(rollout.analysisPhases).forEach(entry -> runs.put(entry.getKey(), AnalysisPhase.valueOf((String) entry.getValue())));
        return new RolloutStatus(RolloutPhase.valueOf(rollout.phase), rollout.currentStep,
                new TrafficWeights(rollout.weightStable, rollout.weightCanary), rollout.reason, rollout.attempt,
                rollout.stepStartedAt, rollout.lastProgressAt, runs,
                Optional.ofNullable(rollout.pendingScaleDown).map(Track::valueOf), Optional.ofNullable(rollout.scaleDownNotBefore));
    }

    public static void store(Rollout rollout, RolloutStatus status) {
        rollout.phase = status.phase().name();
        rollout.currentStep = status.currentStep();
        rollout.weightStable = status.weights().stable();
        rollout.weightCanary = status.weights().canary();
        rollout.reason = status.reason();
        rollout.attempt = status.attempt();
        rollout.stepStartedAt = status.stepStartedAt();
        rollout.lastProgressAt = status.lastProgressAt();
        JsonObject runs = new JsonObject();
        status.analysisRuns().forEach((name, phase) -> runs.put(name, phase.name()));
        rollout.analysisPhases = runs.encode();
        rollout.pendingScaleDown = status.pendingScaleDown().map(Track::name).orElse(null);
        rollout.scaleDownNotBefore = status.scaleDownNotBefore().orElse(null);
    }

    /** The track the new release runs on under this strategy. */
    public static Track newTrack(Strategy strategy) {
        return strategy instanceof io.opsplane.deploy.rollout.CanaryStrategy ? Track.CANARY : Track.GREEN;
    }

    public static Track oldTrack(Strategy strategy) {
        return strategy instanceof io.opsplane.deploy.rollout.CanaryStrategy ? Track.STABLE : Track.BLUE;
    }
}
