package io.opsplane.deploy.rollout;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Instant;
import io.opsplane.deploy.analysis.AnalysisPhase;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a rollout is, stored after every decision so that a restarted service continues at the
 * same step. {@code currentStep} indexes the canary steps, or the {@link BlueGreenStage} ordinal.
 * {@code attempt} makes analysis run names unique across retries; {@code analysisRuns} holds every
 * run of this attempt with its last observed phase. A track waiting in
 * {@code pendingScaleDown} is scaled down only once the router reports no traffic on it and
 * {@code scaleDownNotBefore} has passed.
 */
public record RolloutStatus(
        RolloutPhase phase,
        int currentStep,
        TrafficWeights weights,
        String reason,
        int attempt,
        Instant stepStartedAt,
        Instant lastProgressAt,
        Map<String, AnalysisPhase> analysisRuns,
        Optional<Track> pendingScaleDown,
        Optional<Instant> scaleDownNotBefore) {

    public RolloutStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(weights, "weights");
        if (currentStep < 0) {
            throw new InvalidFieldException("currentStep", "must not be negative, was " + currentStep);
        }
        if (attempt < 1) {
            throw new InvalidFieldException("attempt", "must be at least 1, was " + attempt);
        }
        analysisRuns = Map.copyOf(analysisRuns);
    }

    public static RolloutStatus pending(Instant now) {
        return new RolloutStatus(RolloutPhase.PENDING, 0, TrafficWeights.ALL_STABLE, "Created", 1, now, now,
                Map.of(), Optional.empty(), Optional.empty());
    }
}
