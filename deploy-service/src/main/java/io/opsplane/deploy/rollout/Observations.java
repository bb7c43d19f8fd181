package io.opsplane.deploy.rollout;

import io.opsplane.deploy.analysis.AnalysisPhase;
import java.util.Map;
import java.util.Optional;

/**
 * What the world looks like now: healthy instances of the new release, the phase of each analysis
 * run by name, the weights the router reports, and at most one operator command.
 */
public record Observations(
        int healthyNewInstances,
        Map<String, AnalysisPhase> analysisRuns,
        Optional<TrafficWeights> routerWeights,
        Optional<OperatorCommand> command) {

    public Observations {
        analysisRuns = Map.copyOf(analysisRuns);
    }

    public Optional<AnalysisPhase> analysisPhase(String runName) {
        return Optional.ofNullable(analysisRuns.get(runName));
    }
}
