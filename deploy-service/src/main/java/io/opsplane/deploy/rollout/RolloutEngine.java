package io.opsplane.deploy.rollout;

import static io.opsplane.deploy.rollout.RolloutPhase.ABORTED;
import static io.opsplane.deploy.rollout.RolloutPhase.DEGRADED;
import static io.opsplane.deploy.rollout.RolloutPhase.PAUSED;
import static io.opsplane.deploy.rollout.RolloutPhase.PENDING;
import static io.opsplane.deploy.rollout.RolloutPhase.PROGRESSING;
import static io.opsplane.deploy.rollout.RolloutPhase.ROLLED_BACK;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The rollout state machine: a pure function of spec, stored status, observations and time. It
 * is called again whenever something is observed or {@link RolloutDecision#reconcileAt()} comes,
 * and after a restart with the stored status, so it never depends on having seen earlier calls.
 */
public final class RolloutEngine {

    private static final Set<RolloutPhase> RETRYABLE = EnumSet.of(ABORTED, DEGRADED, ROLLED_BACK);
    private static final Set<RolloutPhase> MOVING = EnumSet.of(PROGRESSING, PAUSED);

    private RolloutEngine() {
    }

    public static RolloutDecision reconcile(RolloutSpec spec, RolloutStatus status, Observations observed, Instant now) {
        Transition t = new Transition(spec, status, observed, now);
        boolean restartBackground = observed.command().map(command -> apply(t, command)).orElse(false);
        if (t.phase == PENDING) {
            t.add(new RolloutAction.StartInstances(t.newTrack, spec.releaseVersion(), spec.replicas()));
            t.phase = PROGRESSING;
            t.stepStartedAt = now;
            t.lastProgressAt = now;
            t.reason = "Started";
        }
        if (MOVING.contains(t.phase)) {
            if (spec.strategy() instanceof CanaryStrategy canary) {
                CanaryProgression.progress(t, canary, restartBackground);
            } else if (t.phase == PROGRESSING) {
                BlueGreenProgression.progress(t, (BlueGreenStrategy) spec.strategy());
            }
        }
        return t.decide();
    }

    /** Applies an operator command; tells whether it asked for a fresh background analysis. */
    private static boolean apply(Transition t, OperatorCommand command) {
        switch (command) {
            case PAUSE -> {
                require(t, command, MOVING);
                t.pause(Transition.PAUSED_BY_OPERATOR);
            }
            case RESUME -> {
                require(t, command, EnumSet.of(PAUSED));
                return release(t, !Transition.PAUSED_BY_OPERATOR.equals(t.reason));
            }
            case PROMOTE -> {
                require(t, command, MOVING);
                return release(t, true);
            }
            case PROMOTE_FULL -> {
                require(t, command, MOVING);
                t.phase = PROGRESSING;
                t.step = finalStep(t.spec.strategy());
                t.stepStartedAt = t.now;
                t.lastProgressAt = t.now;
            }
            case ABORT -> {
                require(t, command, EnumSet.of(PENDING, PROGRESSING, PAUSED));
                t.retreat(ABORTED, "AbortedByOperator", false);
            }
            case ROLLBACK -> {
                require(t, command, EnumSet.of(PENDING, PROGRESSING, PAUSED, DEGRADED, ABORTED));
                t.retreat(ROLLED_BACK, "RolledBackByOperator", true);
            }
            case RETRY -> {
                require(t, command, RETRYABLE);
                t.phase = PENDING;
                t.step = 0;
                t.attempt++;
                t.analysisRuns.clear();
                t.pendingScaleDown = Optional.empty();
                t.scaleDownNotBefore = Optional.empty();
            }
        }
        return false;
    }

    /** Lets the waiting step through, or restarts an inconclusive background analysis. */
    private static boolean release(Transition t, boolean releaseStep) {
        boolean restartBackground = t.reason.startsWith(CanaryProgression.BACKGROUND_INCONCLUSIVE);
        if (releaseStep && !restartBackground) {
            t.releasedStep = t.step;
        }
        t.phase = PROGRESSING;
        // Time spent paused is not lack of progress.
        t.lastProgressAt = t.now;
        return restartBackground;
    }

    private static int finalStep(Strategy strategy) {
        return strategy instanceof CanaryStrategy canary ? canary.steps().size() : BlueGreenStage.COMPLETE.ordinal();
    }

    private static void require(Transition t, OperatorCommand command, Set<RolloutPhase> allowed) {
        if (!allowed.contains(t.phase)) {
            throw new RolloutCommandException(command, t.phase);
        }
    }
}
