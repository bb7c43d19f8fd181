package io.opsplane.deploy.rollout;

/** Green up and healthy, optionally analysed, switched to in one step, analysed again, blue retired. */
final class BlueGreenProgression {

    private BlueGreenProgression() {
    }

    static void progress(Transition t, BlueGreenStrategy strategy) {
        while (t.phase == RolloutPhase.PROGRESSING) {
            BlueGreenStage stage = BlueGreenStage.values()[t.step];
            if (stage == BlueGreenStage.COMPLETE) {
                // A full promotion jumps here, so green's health is checked once more.
                if (t.weights.canary() < 100 && !t.newInstancesHealthy()) {
                    t.awaitProgress("WaitingForHealthyGreen");
                } else {
                    t.complete(Track.BLUE, t.now.plus(strategy.scaleDownDelay()));
                }
                return;
            }
            if (!runStage(t, strategy, stage)) {
                return;
            }
            t.advance();
        }
    }

    private static boolean runStage(Transition t, BlueGreenStrategy strategy, BlueGreenStage stage) {
        return switch (stage) {
            case AWAIT_GREEN_HEALTHY -> awaitGreenHealthy(t, strategy);
            case PRE_SWITCH_ANALYSIS -> strategy.preSwitchAnalysisTemplate()
                    .map(template -> t.analysisStepPassed("a" + t.attempt + "-pre-switch", template))
                    .orElse(true);
            case AWAIT_PROMOTION -> {
                if (strategy.autoPromote() || t.releasedByOperator()) {
                    yield true;
                }
                t.pause("AwaitingPromotion");
                yield false;
            }
            case SWITCH_TRAFFIC -> {
                if (!t.newInstancesHealthy()) {
                    t.awaitProgress("WaitingForHealthyGreen");
                    yield false;
                }
                t.setWeights(TrafficWeights.ALL_CANARY);
                yield true;
            }
            case POST_SWITCH_ANALYSIS -> strategy.postSwitchAnalysisTemplate()
                    .map(template -> t.analysisStepPassed("a" + t.attempt + "-post-switch", template))
                    .orElse(true);
            case COMPLETE -> throw new IllegalStateException("the complete stage has no work");
        };
    }

    private static boolean awaitGreenHealthy(Transition t, BlueGreenStrategy strategy) {
        if (t.newInstancesHealthy()) {
            return true;
        }
        var timeout = t.stepStartedAt.plus(strategy.healthTimeout());
        if (t.now.isBefore(timeout)) {
            t.reason = "WaitingForHealthyGreen";
            t.reconcileNoLaterThan(timeout);
            return false;
        }
        t.retreat(RolloutPhase.ROLLED_BACK, "GreenNotHealthyWithin " + strategy.healthTimeout(), true);
        return false;
    }
}
