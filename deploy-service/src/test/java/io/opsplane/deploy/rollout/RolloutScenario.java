package io.opsplane.deploy.rollout;

import io.opsplane.deploy.analysis.AnalysisPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives the engine like the service does: stores each status and feeds the next observations. */
final class RolloutScenario {

    static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    final RolloutSpec spec;
    RolloutStatus status;
    Instant now = START;
    int healthy;
    Optional<TrafficWeights> routerWeights = Optional.empty();
    final Map<String, AnalysisPhase> runs = new HashMap<>();
    RolloutDecision last;

    RolloutScenario(Strategy strategy) {
        this.spec = new RolloutSpec("v2", 2, strategy, Duration.ofMinutes(10));
        this.status = RolloutStatus.pending(START);
    }

    RolloutScenario healthy(int instances) {
        healthy = instances;
        return this;
    }

    RolloutScenario run(String name, AnalysisPhase phase) {
        runs.put(name, phase);
        return this;
    }

    RolloutScenario routerReports(int stable, int canary) {
        routerWeights = Optional.of(new TrafficWeights(stable, canary));
        return this;
    }

    RolloutScenario after(Duration elapsed) {
        now = now.plus(elapsed);
        return this;
    }

    List<RolloutAction> reconcile() {
        return decide(Optional.empty());
    }

    List<RolloutAction> command(OperatorCommand command) {
        return decide(Optional.of(command));
    }

    private List<RolloutAction> decide(Optional<OperatorCommand> command) {
        last = RolloutEngine.reconcile(spec, status, new Observations(healthy, runs, routerWeights, command), now);
        status = last.status();
        return last.actions();
    }

    static RolloutAction weights(int canary) {
        return new RolloutAction.SetWeights(TrafficWeights.canaryAt(canary));
    }
}
