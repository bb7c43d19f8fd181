package io.opsplane.deploy.rollout;

import static io.opsplane.deploy.rollout.RolloutScenario.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.analysis.AnalysisPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CanaryRolloutTest {

    private static final CanaryStep.Analysis ANALYSIS = new CanaryStep.Analysis("error-rate");

    private static RolloutScenario canary(CanaryStep... steps) {
        return new RolloutScenario(new CanaryStrategy(List.of(steps), Optional.empty()));
    }

    @Test
    void defaultStepsWalkTheSeedsProgressionOnceTheCanaryIsHealthy() {
        var rollout = new RolloutScenario(CanaryStrategy.withDefaultSteps(Optional.empty()));

        assertEquals(List.of(new RolloutAction.StartInstances(Track.CANARY, "v2", 2)), rollout.reconcile());
        assertEquals(RolloutPhase.PROGRESSING, rollout.status.phase());
        assertEquals("WaitingForHealthyCanary", rollout.status.reason());

        assertEquals(List.of(weights(10), weights(25), weights(50), weights(75), weights(100)),
                rollout.healthy(2).reconcile());
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
        assertEquals(Optional.of(Track.STABLE), rollout.status.pendingScaleDown());

        assertEquals(List.of(weights(100)), rollout.routerReports(100, 0).reconcile(),
                "the router lost the weights, so the stored ones are applied again before stable is retired");
        assertEquals(List.of(new RolloutAction.ScaleDown(Track.STABLE)), rollout.routerReports(0, 100).reconcile());
        assertEquals(List.of(), rollout.reconcile());
    }

    @Test
    void aTimedPauseWaitsUntilItsDurationHasPassed() {
        var rollout = canary(new CanaryStep.SetWeight(20), CanaryStep.Pause.forDuration(Duration.ofMinutes(5)),
                new CanaryStep.SetWeight(100)).healthy(2);

        assertEquals(List.of(new RolloutAction.StartInstances(Track.CANARY, "v2", 2), weights(20)), rollout.reconcile());
        assertEquals(1, rollout.status.currentStep());
        assertEquals(Optional.of(RolloutScenario.START.plusSeconds(300)), rollout.last.reconcileAt());

        assertEquals(List.of(), rollout.after(Duration.ofMinutes(4)).reconcile());
        assertEquals(List.of(weights(100)), rollout.after(Duration.ofMinutes(1)).reconcile());
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
    }

    @ParameterizedTest
    @EnumSource(value = OperatorCommand.class, names = {"PROMOTE", "RESUME"})
    void anIndefinitePauseWaitsForTheOperator(OperatorCommand command) {
        var rollout = canary(new CanaryStep.SetWeight(20), CanaryStep.Pause.indefinitely(), new CanaryStep.SetWeight(60))
                .healthy(2);
        rollout.reconcile();
        assertEquals(RolloutPhase.PAUSED, rollout.status.phase());
        assertEquals(List.of(), rollout.after(Duration.ofHours(5)).reconcile());
        assertEquals(RolloutPhase.PAUSED, rollout.status.phase(), "a pause is not a lack of progress");

        assertEquals(List.of(weights(60), weights(100)), rollout.command(command));
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
    }

    @Test
    void anOperatorPauseHoldsTheStepAndResumeContinuesIt() {
        var rollout = canary(new CanaryStep.SetWeight(20), CanaryStep.Pause.forDuration(Duration.ofMinutes(1)),
                new CanaryStep.SetWeight(40)).healthy(2);
        rollout.reconcile();
        rollout.command(OperatorCommand.PAUSE);
        assertEquals(RolloutPhase.PAUSED, rollout.status.phase());
        assertEquals(List.of(), rollout.after(Duration.ofMinutes(2)).reconcile());

        assertEquals(List.of(weights(40), weights(100)), rollout.command(OperatorCommand.RESUME));
    }

    @Test
    void anAnalysisStepStartsItsRunAndAdvancesWhenItSucceeds() {
        var rollout = canary(new CanaryStep.SetWeight(10), ANALYSIS, new CanaryStep.SetWeight(100)).healthy(2);
        assertEquals(List.of(new RolloutAction.StartInstances(Track.CANARY, "v2", 2), weights(10),
                new RolloutAction.StartAnalysis("a1-step1", "error-rate")), rollout.reconcile());

        assertEquals(List.of(), rollout.run("a1-step1", AnalysisPhase.RUNNING).after(Duration.ofMinutes(30)).reconcile());
        assertEquals(RolloutPhase.PROGRESSING, rollout.status.phase(), "a run that reports is progress");

        assertEquals(List.of(weights(100)), rollout.run("a1-step1", AnalysisPhase.SUCCESSFUL).reconcile());
        assertEquals(Map.of("a1-step1", AnalysisPhase.SUCCESSFUL), rollout.status.analysisRuns());
    }

    @ParameterizedTest
    @CsvSource({"FAILED, AnalysisFailed a1-step1", "ERROR, AnalysisError a1-step1"})
    void aFailedAnalysisRollsBackAndScalesDownOnlyOnceTrafficIsOff(AnalysisPhase phase, String reason) {
        var rollout = canary(new CanaryStep.SetWeight(30), ANALYSIS, new CanaryStep.SetWeight(100)).healthy(2);
        rollout.reconcile();

        List<RolloutAction> actions = rollout.run("a1-step1", phase).routerReports(70, 30).reconcile();

        assertEquals(List.of(weights(0), new RolloutAction.MarkReleaseBad("v2", reason)), actions);
        assertEquals(RolloutPhase.ROLLED_BACK, rollout.status.phase());
        assertEquals(List.of(weights(0)), rollout.reconcile(),
                "while the router still sends 30 % to the canary the weights are asked for again, and nothing is scaled down");
        assertEquals(List.of(new RolloutAction.ScaleDown(Track.CANARY)), rollout.routerReports(100, 0).reconcile());
    }

    @Test
    void abortTakesTrafficOffTheCanaryFirstAndScalesItDownAfter() {
        var rollout = canary(new CanaryStep.SetWeight(25), ANALYSIS).healthy(2);
        rollout.reconcile();
        rollout.run("a1-step1", AnalysisPhase.RUNNING).routerReports(75, 25);

        List<RolloutAction> actions = rollout.command(OperatorCommand.ABORT);

        assertEquals(List.of(weights(0), new RolloutAction.StopAnalysis("a1-step1")), actions);
        assertEquals(RolloutPhase.ABORTED, rollout.status.phase());
        assertEquals(List.of(new RolloutAction.ScaleDown(Track.CANARY)), rollout.routerReports(100, 0).reconcile());
    }

    @Test
    void anInconclusiveAnalysisPausesUntilAnOperatorDecides() {
        var rollout = canary(new CanaryStep.SetWeight(30), ANALYSIS, new CanaryStep.SetWeight(100)).healthy(2);
        rollout.reconcile();
        rollout.run("a1-step1", AnalysisPhase.INCONCLUSIVE).reconcile();
        assertEquals(RolloutPhase.PAUSED, rollout.status.phase());
        assertEquals("AnalysisInconclusive a1-step1", rollout.status.reason());

        assertEquals(List.of(weights(100)), rollout.command(OperatorCommand.RESUME));
    }

    @Test
    void aCanaryThatNeverBecomesHealthyFailsAtTheProgressDeadline() {
        var rollout = canary(new CanaryStep.SetWeight(10)).healthy(1);
        rollout.reconcile();
        rollout.after(Duration.ofMinutes(9)).reconcile();
        assertEquals(RolloutPhase.PROGRESSING, rollout.status.phase());
        assertEquals(Optional.of(RolloutScenario.START.plusSeconds(600)), rollout.last.reconcileAt());

        rollout.after(Duration.ofMinutes(1)).routerReports(100, 0).reconcile();
        assertEquals(RolloutPhase.DEGRADED, rollout.status.phase());
        assertEquals("ProgressDeadlineExceeded while WaitingForHealthyCanary", rollout.status.reason());
        assertEquals(List.of(new RolloutAction.ScaleDown(Track.CANARY)), rollout.last.actions());
    }

    @Test
    void anAnalysisRunTheStoreLostIsRequestedAgainAndCannotHangTheRollout() {
        var rollout = canary(new CanaryStep.SetWeight(10), ANALYSIS).healthy(2);
        rollout.reconcile();
        assertEquals(List.of(new RolloutAction.StartAnalysis("a1-step1", "error-rate")),
                rollout.after(Duration.ofMinutes(5)).reconcile());
        rollout.after(Duration.ofMinutes(5)).reconcile();
        assertEquals(RolloutPhase.DEGRADED, rollout.status.phase());
    }

    @Test
    void aStatusStoredBeforeACrashContinuesAtItsStepAndRestoresTheWeights() {
        var steps = new CanaryStrategy(List.of(new CanaryStep.SetWeight(10), new CanaryStep.SetWeight(25),
                CanaryStep.Pause.indefinitely(), new CanaryStep.SetWeight(50)), Optional.empty());
        var rollout = new RolloutScenario(steps).healthy(2);
        rollout.status = new RolloutStatus(RolloutPhase.PAUSED, 2, TrafficWeights.canaryAt(25), "PausedAtStep 2", 1,
                RolloutScenario.START, RolloutScenario.START, Map.of(), Optional.empty(), Optional.empty());

        assertEquals(List.of(weights(25)), rollout.routerReports(100, 0).after(Duration.ofHours(1)).reconcile(),
                "HAProxy restarted without the run-time weights");
        assertEquals(2, rollout.status.currentStep());
        assertEquals(List.of(weights(50), weights(100)), rollout.routerReports(75, 25).command(OperatorCommand.PROMOTE));
    }

    @Test
    void promoteFullSkipsRemainingStepsAndAnalyses() {
        var rollout = canary(new CanaryStep.SetWeight(10), ANALYSIS, CanaryStep.Pause.indefinitely(),
                new CanaryStep.SetWeight(50)).healthy(2);
        rollout.reconcile();
        rollout.run("a1-step1", AnalysisPhase.RUNNING);

        assertEquals(List.of(weights(100), new RolloutAction.StopAnalysis("a1-step1")),
                rollout.command(OperatorCommand.PROMOTE_FULL));
        assertEquals(RolloutPhase.HEALTHY, rollout.status.phase());
    }

    @Test
    void backgroundAnalysisRunsAcrossStepsAndRollsBackWhenItFails() {
        var rollout = new RolloutScenario(new CanaryStrategy(List.of(new CanaryStep.SetWeight(10),
                CanaryStep.Pause.indefinitely(), new CanaryStep.SetWeight(100)), Optional.of("latency")));
        rollout.reconcile();
        assertTrue(rollout.status.analysisRuns().isEmpty(), "no analysis before the canary is healthy");

        assertEquals(List.of(new RolloutAction.StartAnalysis("a1-background-1", "latency"), weights(10)),
                rollout.healthy(2).reconcile());
        rollout.run("a1-background-1", AnalysisPhase.FAILED).reconcile();

        assertEquals(RolloutPhase.ROLLED_BACK, rollout.status.phase());
        assertEquals(List.of(weights(0), new RolloutAction.MarkReleaseBad("v2", "BackgroundAnalysisFailed a1-background-1")),
                rollout.last.actions());
    }

    @Test
    void anInconclusiveBackgroundAnalysisIsRestartedOnResume() {
        var rollout = new RolloutScenario(new CanaryStrategy(List.of(new CanaryStep.SetWeight(10),
                CanaryStep.Pause.indefinitely()), Optional.of("latency"))).healthy(2);
        rollout.reconcile();
        rollout.run("a1-background-1", AnalysisPhase.INCONCLUSIVE).reconcile();
        assertEquals("BackgroundAnalysisInconclusive a1-background-1", rollout.status.reason());

        assertEquals(List.of(new RolloutAction.StartAnalysis("a1-background-2", "latency")),
                rollout.command(OperatorCommand.RESUME));
        assertEquals(RolloutPhase.PAUSED, rollout.status.phase(), "the indefinite pause still holds");
        assertEquals("PausedAtStep 1", rollout.status.reason());
    }

    @Test
    void retryStartsAgainWithFreshRunNames() {
        var rollout = canary(new CanaryStep.SetWeight(10), ANALYSIS).healthy(2);
        rollout.reconcile();
        rollout.run("a1-step1", AnalysisPhase.FAILED).reconcile();

        List<RolloutAction> actions = rollout.command(OperatorCommand.RETRY);

        assertEquals(List.of(new RolloutAction.StartInstances(Track.CANARY, "v2", 2), weights(10),
                new RolloutAction.StartAnalysis("a2-step1", "error-rate")), actions);
        assertEquals(2, rollout.status.attempt());
        assertFalse(rollout.status.pendingScaleDown().isPresent());
    }

    @Test
    void rollbackMarksTheReleaseBad() {
        var rollout = canary(new CanaryStep.SetWeight(10), CanaryStep.Pause.indefinitely()).healthy(2);
        rollout.reconcile();
        assertEquals(List.of(weights(0), new RolloutAction.MarkReleaseBad("v2", "RolledBackByOperator")),
                rollout.command(OperatorCommand.ROLLBACK));
        assertEquals(RolloutPhase.ROLLED_BACK, rollout.status.phase());
    }

    @ParameterizedTest
    @CsvSource({
            "HEALTHY, PROMOTE", "HEALTHY, PROMOTE_FULL", "HEALTHY, PAUSE", "HEALTHY, RESUME", "HEALTHY, ABORT",
            "HEALTHY, RETRY", "HEALTHY, ROLLBACK", "PROGRESSING, RESUME", "PROGRESSING, RETRY", "PAUSED, RETRY",
            "ABORTED, PROMOTE", "ABORTED, RESUME", "ABORTED, ABORT", "ROLLED_BACK, ROLLBACK", "ROLLED_BACK, PROMOTE",
            "DEGRADED, ABORT", "PENDING, PAUSE", "PENDING, PROMOTE",
    })
    void commandsThePhaseDoesNotAllowAreRefused(RolloutPhase phase, OperatorCommand command) {
        var rollout = canary(new CanaryStep.SetWeight(10), CanaryStep.Pause.indefinitely()).healthy(2);
        rollout.status = new RolloutStatus(phase, 1, TrafficWeights.canaryAt(10), "x", 1, RolloutScenario.START,
                RolloutScenario.START, Map.of(), Optional.empty(), Optional.empty());
        RolloutStatus before = rollout.status;

        assertThrows(RolloutCommandException.class, () -> rollout.command(command));
        assertEquals(before, rollout.status);
    }
}
