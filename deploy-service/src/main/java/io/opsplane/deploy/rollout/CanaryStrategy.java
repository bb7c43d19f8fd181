package io.opsplane.deploy.rollout;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.List;
import java.util.Optional;

/**
 * Canary steps plus an optional analysis that runs across all of them (argo-rollouts' background
 * analysis). The rollout completes with 100 % on the canary whether or not the last step sets it.
 */
public record CanaryStrategy(List<CanaryStep> steps, Optional<String> backgroundAnalysisTemplate) implements Strategy {

    /** The seed's progression. */
    public static final List<CanaryStep> DEFAULT_STEPS = List.of(
            new CanaryStep.SetWeight(10), new CanaryStep.SetWeight(25), new CanaryStep.SetWeight(50),
            new CanaryStep.SetWeight(75), new CanaryStep.SetWeight(100));

    public CanaryStrategy {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new InvalidFieldException("steps", "must not be empty");
        }
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i) instanceof CanaryStep.SetWeight weight && weight.weight() == 100) {
                throw new InvalidFieldException("steps[" + (i + 1) + "]",
                        "no step may follow setWeight 100 at steps[" + i + "]: the canary is fully promoted there");
            }
        }
        backgroundAnalysisTemplate.ifPresent(name -> InvalidFieldException.requireText("backgroundAnalysis", name));
    }

    public static CanaryStrategy withDefaultSteps(Optional<String> backgroundAnalysisTemplate) {
        return new CanaryStrategy(DEFAULT_STEPS, backgroundAnalysisTemplate);
    }
}
