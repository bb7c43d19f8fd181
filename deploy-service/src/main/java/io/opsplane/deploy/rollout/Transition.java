package io.opsplane.deploy.rollout;

import io.opsplane.deploy.analysis.AnalysisPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The status being rewritten during one decision, and the actions that rewriting implies. */
final class Transition {

    static final String PAUSED_BY_OPERATOR = "PausedByOperator";

    final RolloutSpec spec;
    final Observations observed;
    final Instant now;
    final Track newTrack;

    RolloutPhase phase;
    int step;
    TrafficWeights weights;
    String reason;
    int attempt;
    Instant stepStartedAt;
    Instant lastProgressAt;
    final Map<String, AnalysisPhase> analysisRuns;
    Optional<Track> pendingScaleDown;
    Optional<Instant> scaleDownNotBefore;
    /** The step an operator's promote or resume let through, or -1. */
    int releasedStep = -1;

    private final List<RolloutAction> actions = new ArrayList<>();
    private Instant reconcileAt;

    Transition(RolloutSpec spec, RolloutStatus status, Observations observed, Instant now) {
        this.spec = spec;
        this.observed = observed;
        this.now = now;
        this.newTrack = spec.strategy() instanceof CanaryStrategy ? Track.CANARY : Track.GREEN;
        this.phase = status.phase();
        this.step = status.currentStep();
        this.weights = status.weights();
        this.reason = status.reason();
        this.attempt = status.attempt();
        this.stepStartedAt = status.stepStartedAt();
        this.lastProgressAt = status.lastProgressAt();
        this.analysisRuns = new LinkedHashMap<>(status.analysisRuns());
        this.pendingScaleDown = status.pendingScaleDown();
        this.scaleDownNotBefore = status.scaleDownNotBefore();
        analysisRuns.replaceAll((name, phase) -> observed.analysisPhase(name).orElse(phase));
    }

    boolean newInstancesHealthy() {
        return observed.healthyNewInstances() >= spec.replicas();
    }

    void add(RolloutAction action) {
        actions.add(action);
    }

    void setWeights(TrafficWeights target) {
        if (!target.equals(weights)) {
            weights = target;
            actions.add(new RolloutAction.SetWeights(target));
        }
    }

    void advance() {
        step++;
        stepStartedAt = now;
        lastProgressAt = now;
    }

    void progressed(String why) {
        lastProgressAt = now;
        reason = why;
    }

    void pause(String why) {
        phase = RolloutPhase.PAUSED;
        reason = why;
    }

    boolean releasedByOperator() {
        return releasedStep == step;
    }

    void reconcileNoLaterThan(Instant at) {
        if (reconcileAt == null || at.isBefore(reconcileAt)) {
            reconcileAt = at;
        }
    }

    /** Starts the run unless this attempt already did; a run the store lost is asked for again. */
    void ensureAnalysis(String runName, String templateName) {
        if (!analysisRuns.containsKey(runName) || observed.analysisPhase(runName).isEmpty()) {
            analysisRuns.putIfAbsent(runName, AnalysisPhase.RUNNING);
            actions.add(new RolloutAction.StartAnalysis(runName, templateName));
        }
    }

    void stopAnalysis(String runName) {
        if (analysisRuns.get(runName) == AnalysisPhase.RUNNING) {
            actions.add(new RolloutAction.StopAnalysis(runName));
        }
    }

    void stopAllAnalyses() {
        List.copyOf(analysisRuns.keySet()).forEach(this::stopAnalysis);
    }

    /**
     * Runs the analysis that gates the current step and tells whether the step may be left: on
     * success or when an operator let it through. A failure rolls back, an inconclusive run pauses.
     */
    boolean analysisStepPassed(String runName, String templateName) {
        if (releasedByOperator()) {
            stopAnalysis(runName);
            return true;
        }
        ensureAnalysis(runName, templateName);
        Optional<AnalysisPhase> observedPhase = observed.analysisPhase(runName);
        if (observedPhase.isEmpty()) {
            awaitProgress("WaitingForAnalysisRun " + runName);
            return false;
        }
        switch (observedPhase.get()) {
            case SUCCESSFUL -> {
                return true;
            }
            case RUNNING -> progressed("RunningAnalysis " + runName);
            case INCONCLUSIVE -> pause("AnalysisInconclusive " + runName);
            case FAILED, ERROR -> retreat(RolloutPhase.ROLLED_BACK,
                    "Analysis" + (observedPhase.get() == AnalysisPhase.FAILED ? "Failed " : "Error ") + runName, true);
        }
        return false;
    }

    /**
     * Waiting for something that should happen by itself; past the progress deadline the rollout
     * fails instead of waiting forever.
     */
    void awaitProgress(String why) {
        Instant deadline = lastProgressAt.plus(spec.progressDeadline());
        if (now.isBefore(deadline)) {
            reason = why;
            reconcileNoLaterThan(deadline);
        } else {
            retreat(RolloutPhase.DEGRADED, "ProgressDeadlineExceeded while " + why, false);
        }
    }

    /** All traffic back to the old release now; the new track is scaled down once the router agrees. */
    void retreat(RolloutPhase endPhase, String why, boolean releaseIsBad) {
        setWeights(TrafficWeights.ALL_STABLE);
        stopAllAnalyses();
        phase = endPhase;
        reason = why;
        pendingScaleDown = Optional.of(newTrack);
        scaleDownNotBefore = Optional.empty();
        if (releaseIsBad) {
            actions.add(new RolloutAction.MarkReleaseBad(spec.releaseVersion(), why));
        }
    }

    void complete(Track retiredTrack, Instant retireNotBefore) {
        setWeights(TrafficWeights.ALL_CANARY);
        stopAllAnalyses();
        phase = RolloutPhase.HEALTHY;
        reason = "Completed";
        lastProgressAt = now;
        pendingScaleDown = Optional.of(retiredTrack);
        scaleDownNotBefore = Optional.of(retireNotBefore);
    }

    RolloutDecision decide() {
        reapplyWeightsTheRouterLost();
        scaleDownWhenDrained();
        RolloutStatus status = new RolloutStatus(phase, step, weights, reason, attempt, stepStartedAt, lastProgressAt,
                analysisRuns, pendingScaleDown, scaleDownNotBefore);
        return new RolloutDecision(status, actions, Optional.ofNullable(reconcileAt));
    }

    /** HAProxy forgets run-time weights when it restarts; the stored ones win. */
    private void reapplyWeightsTheRouterLost() {
        boolean weightsAlreadySet = actions.stream().anyMatch(RolloutAction.SetWeights.class::isInstance);
        if (!weightsAlreadySet && observed.routerWeights().filter(reported -> !reported.equals(weights)).isPresent()) {
            actions.add(new RolloutAction.SetWeights(weights));
        }
    }

    private void scaleDownWhenDrained() {
        if (pendingScaleDown.isEmpty()) {
            return;
        }
        Track track = pendingScaleDown.get();
        if (scaleDownNotBefore.isPresent() && now.isBefore(scaleDownNotBefore.get())) {
            reconcileNoLaterThan(scaleDownNotBefore.get());
            return;
        }
        boolean drained = weights.of(track) == 0
                && observed.routerWeights().map(reported -> reported.of(track) == 0).orElse(false);
        if (drained) {
            actions.add(new RolloutAction.ScaleDown(track));
            pendingScaleDown = Optional.empty();
            scaleDownNotBefore = Optional.empty();
        }
    }
}
