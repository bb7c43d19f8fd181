package io.opsplane.deploy.rollout;

import io.opsplane.deploy.analysis.AnalysisPhase;
import java.time.Instant;
import java.util.Optional;

/** Walks the canary steps as far as the observations allow within one decision. */
final class CanaryProgression {

    static final String BACKGROUND_INCONCLUSIVE = "BackgroundAnalysisInconclusive";

    private CanaryProgression() {
    }

    static void progress(Transition t, CanaryStrategy strategy, boolean restartBackground) {
        if (t.step < strategy.steps().size()) {
            strategy.backgroundAnalysisTemplate().ifPresent(template -> checkBackground(t, template, restartBackground));
        }
        while (t.phase == RolloutPhase.PROGRESSING) {
            if (t.step >= strategy.steps().size()) {
                if (t.weights.canary() < 100 && !t.newInstancesHealthy()) {
                    t.awaitProgress("WaitingForHealthyCanary");
                } else {
                    t.complete(Track.STABLE, t.now);
                }
                return;
            }
            if (!runStep(t, strategy.steps().get(t.step))) {
                return;
            }
            t.advance();
        }
    }

    /** Whether the step is done, so the next one may start in the same decision. */
    private static boolean runStep(Transition t, CanaryStep step) {
        if (step instanceof CanaryStep.SetWeight setWeight) {
            if (setWeight.weight() > 0 && !t.newInstancesHealthy()) {
                t.awaitProgress("WaitingForHealthyCanary");
                return false;
            }
            t.setWeights(TrafficWeights.canaryAt(setWeight.weight()));
            return true;
        }
        if (step instanceof CanaryStep.Pause pause) {
            return pauseOver(t, pause);
        }
        CanaryStep.Analysis analysis = (CanaryStep.Analysis) step;
        return t.analysisStepPassed("a" + t.attempt + "-step" + t.step, analysis.templateName());
    }

    private static boolean pauseOver(Transition t, CanaryStep.Pause pause) {
        if (t.releasedByOperator()) {
            return true;
        }
        if (pause.duration().isEmpty()) {
            t.pause("PausedAtStep " + t.step);
            return false;
        }
        Instant until = t.stepStartedAt.plus(pause.duration().get());
        if (t.now.isBefore(until)) {
            t.reason = "PausingUntil " + until;
            t.reconcileNoLaterThan(until);
            return false;
        }
        return true;
    }

    /**
     * Background analysis starts once the canary is healthy and runs across all steps. After an
     * inconclusive run an operator's resume starts a fresh one under the next number.
     */
    private static void checkBackground(Transition t, String template, boolean restartBackground) {
        String prefix = "a" + t.attempt + "-background-";
        long started = t.analysisRuns.keySet().stream().filter(name -> name.startsWith(prefix)).count();
        if (started == 0 && !t.newInstancesHealthy()) {
            return;
        }
        boolean startNext = started == 0
                || (restartBackground && t.analysisRuns.get(prefix + started) == AnalysisPhase.INCONCLUSIVE);
        String current = prefix + (startNext ? started + 1 : started);
        t.ensureAnalysis(current, template);
        Optional<AnalysisPhase> phase = t.observed.analysisPhase(current);
        if (phase.filter(AnalysisPhase::isFailure).isPresent()) {
            t.retreat(RolloutPhase.ROLLED_BACK, "BackgroundAnalysisFailed " + current, true);
        } else if (phase.filter(AnalysisPhase.INCONCLUSIVE::equals).isPresent()) {
            t.pause(BACKGROUND_INCONCLUSIVE + " " + current);
        }
    }
}
