package io.opsplane.deploy.rollout;

import static io.opsplane.deploy.rollout.RolloutScenario.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.deploy.analysis.AnalysisPhase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlueGreenRolloutTest {

    private static RolloutScenario blueGreen(Optional<String> preSwitch, Optional<String> postSwitch, boolean autoPromote) {
        return new RolloutScenario(new BlueGreenStrategy(Duration.ofMinutes(2), preSwitch, postSwitch,
                Duration.ofMinutes(5), autoPromote));
    }

    @Test
    void greenIsAnalysedSwitchedToAtOnceAnalysedAgainAndBlueRetiredAfterTheDelay() {
        var rollout = blueGreen(Optional.of("smoke"), Optional.of("error-rate"), true);
        assertEquals(List.of(new RolloutAction.StartInstances(Track.GREEN, "v2", 2)), rollout.reconcile());
        assertEquals(BlueGreenStage.AWAIT_GREEN_HEALTHY.ordinal(), rollout.status.currentStep());

        assertEquals(List.of(new RolloutAction.StartAnalysis("a1-pre-switch", "smoke")), rollout.healthy(2).reconcile());
        assertEquals(List.of(weights(100), new RolloutAction.StartAnalysis("a1-post-switch", "error-rate")),
                rollout.run("a1-pre-switch", AnalysisPhase.SUCCESSFUL).reconcile());

        rollout.run("a1-post-switch", AnalysisPhase.SUCCESSFUL).routerReports(0, 100).reconcile();
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
        assertEquals(List.of(), rollout.last.actions(), "blue stays up for a quick switch-back during the delay");
        assertEquals(Optional.of(rollout.now.plus(Duration.ofMinutes(5))), rollout.last.reconcileAt());

        assertEquals(List.of(new RolloutAction.ScaleDown(Track.BLUE)), rollout.after(Duration.ofMinutes(5)).reconcile());
    }

    @Test
    void aFailedPostSwitchAnalysisSwitchesBackAndMarksTheReleaseBad() {
        var rollout = blueGreen(Optional.empty(), Optional.of("error-rate"), true).healthy(2);
        assertEquals(List.of(new RolloutAction.StartInstances(Track.GREEN, "v2", 2), weights(100),
                new RolloutAction.StartAnalysis("a1-post-switch", "error-rate")), rollout.reconcile());

        rollout.run("a1-post-switch", AnalysisPhase.FAILED).routerReports(0, 100).reconcile();

        assertEquals(RolloutPhase.ROLLED_BACK, rollout.status.phase());
        assertEquals(List.of(weights(0), new RolloutAction.MarkReleaseBad("v2", "AnalysisFailed a1-post-switch")),
                rollout.last.actions());
        assertEquals(List.of(new RolloutAction.ScaleDown(Track.GREEN)), rollout.routerReports(100, 0).reconcile());
    }

    @Test
    void greenNotHealthyWithinTheTimeoutIsRolledBackWithoutTouchingTraffic() {
        var rollout = blueGreen(Optional.empty(), Optional.empty(), true).healthy(1);
        rollout.reconcile();
        assertEquals(Optional.of(RolloutScenario.START.plusSeconds(120)), rollout.last.reconcileAt());

        rollout.after(Duration.ofMinutes(2)).routerReports(100, 0).reconcile();

        assertEquals(RolloutPhase.ROLLED_BACK, rollout.status.phase());
        assertEquals(List.of(new RolloutAction.MarkReleaseBad("v2", "GreenNotHealthyWithin PT2M"),
                new RolloutAction.ScaleDown(Track.GREEN)), rollout.last.actions());
    }

    @Test
    void withoutAutoPromotionTheSwitchWaitsForTheOperator() {
        var rollout = blueGreen(Optional.empty(), Optional.empty(), false).healthy(2);
        rollout.reconcile();
        assertEquals(RolloutPhase.PAUSED, rollout.status.phase());
        assertEquals("AwaitingPromotion", rollout.status.reason());

        assertEquals(List.of(weights(100)), rollout.command(OperatorCommand.PROMOTE));
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
    }

    @Test
    void abortBeforeTheSwitchLeavesBlueServingAndRetiresGreen() {
        var rollout = blueGreen(Optional.empty(), Optional.empty(), false).healthy(2).routerReports(100, 0);
        rollout.reconcile();

        assertEquals(List.of(new RolloutAction.ScaleDown(Track.GREEN)), rollout.command(OperatorCommand.ABORT));
        assertEquals(RolloutPhase.ABORTED, rollout.status.phase());
    }

    @Test
    void promoteFullStillWaitsForAHealthyGreen() {
        var rollout = blueGreen(Optional.of("smoke"), Optional.empty(), true).healthy(0);
        rollout.reconcile();

        assertEquals(List.of(), rollout.command(OperatorCommand.PROMOTE_FULL));
        assertEquals(RolloutPhase.PROGRESSING, rollout.status.phase());
        assertEquals("WaitingForHealthyGreen", rollout.status.reason());
        assertEquals(List.of(weights(100)), rollout.healthy(2).reconcile());
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
    }
}
