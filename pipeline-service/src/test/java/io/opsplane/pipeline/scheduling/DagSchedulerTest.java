package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import static io.opsplane.pipeline.scheduling.Expect.decision;
import static io.opsplane.pipeline.scheduling.JobState.CANCELED;
import static io.opsplane.pipeline.scheduling.JobState.FAILED;
import static io.opsplane.pipeline.scheduling.JobState.MANUAL;
import static io.opsplane.pipeline.scheduling.JobState.PENDING;
import static io.opsplane.pipeline.scheduling.JobState.RUNNING;
import static io.opsplane.pipeline.scheduling.JobState.SKIPPED;
import static io.opsplane.pipeline.scheduling.JobState.SUCCESS;
import static io.opsplane.pipeline.scheduling.JobState.WAITING_FOR_RESOURCE;
import static io.opsplane.pipeline.scheduling.Jobs.NOW;
import static io.opsplane.pipeline.scheduling.Jobs.job;
import static io.opsplane.pipeline.scheduling.Jobs.jobs;
import static io.opsplane.pipeline.scheduling.Jobs.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DagSchedulerTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final DagScheduler scheduler = new DagScheduler();

    record Case(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, SchedulingDecision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case scenario(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, SchedulingDecision expected) {
        return new Case(name, jobs, states, expected);
    }

    static Stream<Case> stagesOnly() {
        return Stream.of(
                scenario("the first stage is enqueued at once, later stages wait",
                        jobs(job("a"), job("b"), job("c").stage(1)),
                        states(),
                        decision().enqueue("a", "b").phase(RunPhase.PENDING)),
                scenario("jobs of one stage do not wait for each other",
                        jobs(job("a"), job("b")),
                        states("a", RUNNING),
                        decision().enqueue("b").phase(RunPhase.RUNNING)),
                scenario("a later stage waits while an earlier job runs",
                        jobs(job("a"), job("b"), job("c").stage(1)),
                        states("a", SUCCESS, "b", RUNNING),
                        decision().phase(RunPhase.RUNNING)),
                scenario("a later stage starts once every earlier job succeeded",
                        jobs(job("a"), job("b"), job("c").stage(1), job("d").stage(2)),
                        states("a", SUCCESS, "b", SUCCESS),
                        decision().enqueue("c").phase(RunPhase.RUNNING)),
                scenario("a stage waits for every earlier stage, not only the one before",
                        jobs(job("a"), job("b").stage(1).needs(), job("c").stage(2)),
                        states("a", RUNNING, "b", SUCCESS),
                        decision().phase(RunPhase.RUNNING)),
                scenario("stage indexes may have gaps",
                        jobs(job("a"), job("c").stage(3)),
                        states("a", SUCCESS),
                        decision().enqueue("c").phase(RunPhase.RUNNING)),
                scenario("a skipped earlier job counts as success under stage order",
                        jobs(job("a"), job("b").stage(1)),
                        states("a", SKIPPED),
                        decision().enqueue("b").phase(RunPhase.PENDING)),
                scenario("a failure skips every later stage in one call",
                        jobs(job("a"), job("b").stage(1), job("c").stage(2)),
                        states("a", FAILED),
                        decision().skip("b", "c").phase(RunPhase.FAILED)),
                scenario("a finished run has nothing to do",
                        jobs(job("a"), job("b").stage(1)),
                        states("a", SUCCESS, "b", SUCCESS),
                        decision().phase(RunPhase.SUCCESS)),
                scenario("definition order, not stage order, orders the decision's lists",
                        jobs(job("late").stage(1).needs(), job("early")),
                        states(),
                        decision().enqueue("late", "early").phase(RunPhase.PENDING)));
    }

    static Stream<Case> needsOnly() {
        return Stream.of(
                scenario("a job with needs follows them, not the jobs of earlier stages",
                        jobs(job("a"), job("b"), job("c").stage(1).needs("b")),
                        states("a", RUNNING, "b", SUCCESS),
                        decision().enqueue("c").phase(RunPhase.RUNNING)),
                scenario("a job waits until every need finished",
                        jobs(job("a"), job("b"), job("c").stage(1).needs("a", "b")),
                        states("a", SUCCESS, "b", RUNNING),
                        decision().phase(RunPhase.RUNNING)),
                scenario("a need may be in the same stage",
                        jobs(job("a"), job("b").needs("a")),
                        states("a", SUCCESS),
                        decision().enqueue("b").phase(RunPhase.RUNNING)),
                scenario("a job needing a job enqueued in this call waits",
                        jobs(job("a"), job("b").stage(1).needs("a")),
                        states(),
                        decision().enqueue("a").phase(RunPhase.PENDING)),
                scenario("a chain of needs moves one link per finished job",
                        jobs(job("a"), job("b").stage(1).needs("a"), job("c").stage(2).needs("b")),
                        states("a", SUCCESS),
                        decision().enqueue("b").phase(RunPhase.RUNNING)),
                scenario("a need that is still pending holds its dependent",
                        jobs(job("a"), job("b").stage(1).needs("a")),
                        states("a", PENDING),
                        decision().phase(RunPhase.PENDING)));
    }

    static Stream<Case> stagesAndNeedsMixed() {
        return Stream.of(
                scenario("a needs job overtakes a slow earlier stage; a stage-ordered job waits for it",
                        jobs(job("build-1"), job("build-2"),
                                job("test-2").stage(1).needs("build-2"), job("test-1").stage(1),
                                job("deploy").stage(2)),
                        states("build-1", RUNNING, "build-2", SUCCESS),
                        decision().enqueue("test-2").phase(RunPhase.RUNNING)),
                scenario("a stage-ordered job waits for a needs job of an earlier stage",
                        jobs(job("a"), job("b").stage(1).needs("a"), job("c").stage(2)),
                        states("a", SUCCESS, "b", RUNNING),
                        decision().phase(RunPhase.RUNNING)),
                scenario("a stage-ordered job starts once the needs jobs of earlier stages finished",
                        jobs(job("a"), job("b").stage(1).needs("a"), job("c").stage(2)),
                        states("a", SUCCESS, "b", SUCCESS),
                        decision().enqueue("c").phase(RunPhase.RUNNING)),
                scenario("a needs job of a later stage does not wait for stage-ordered jobs of its own stage",
                        jobs(job("a"), job("b").stage(1), job("c").stage(1).needs("a")),
                        states("a", SUCCESS, "b", RUNNING),
                        decision().enqueue("c").phase(RunPhase.RUNNING)),
                scenario("a failure skips stage-ordered jobs and needs dependents alike",
                        jobs(job("a"), job("b").stage(1).needs("a"), job("c").stage(1), job("d").stage(2).needs("c")),
                        states("a", FAILED),
                        decision().skip("b", "c", "d").phase(RunPhase.FAILED)));
    }

    static Stream<Case> emptyNeeds() {
        return Stream.of(
                scenario("needs: [] in a late stage starts with the first stage",
                        jobs(job("a"), job("b").stage(1), job("lint").stage(3).needs()),
                        states(),
                        decision().enqueue("a", "lint").phase(RunPhase.PENDING)),
                scenario("needs: [] runs even after an earlier stage failed",
                        jobs(job("a"), job("b").stage(1), job("lint").stage(2).needs()),
                        states("a", FAILED),
                        decision().enqueue("lint").skip("b").phase(RunPhase.RUNNING)),
                scenario("an on_failure job with needs: [] has nothing that failed and is skipped",
                        jobs(job("a"), job("alarm").stage(2).needs().when(When.ON_FAILURE)),
                        states("a", FAILED),
                        decision().skip("alarm").phase(RunPhase.FAILED)));
    }

    static Stream<Case> failures() {
        return Stream.of(
                scenario("after a failure on_failure and always run, on_success is skipped",
                        jobs(job("a"), job("deploy").stage(1), job("cleanup").stage(1).when(When.ON_FAILURE),
                                job("report").stage(1).when(When.ALWAYS)),
                        states("a", FAILED),
                        decision().enqueue("cleanup", "report").skip("deploy").phase(RunPhase.RUNNING)),
                scenario("after success on_failure is skipped, always runs",
                        jobs(job("a"), job("deploy").stage(1), job("cleanup").stage(1).when(When.ON_FAILURE),
                                job("report").stage(1).when(When.ALWAYS)),
                        states("a", SUCCESS),
                        decision().enqueue("deploy", "report").skip("cleanup").phase(RunPhase.RUNNING)),
                scenario("a canceled job counts as a failure",
                        jobs(job("a"), job("deploy").stage(1), job("cleanup").stage(1).when(When.ON_FAILURE)),
                        states("a", CANCELED),
                        decision().enqueue("cleanup").skip("deploy").phase(RunPhase.RUNNING)),
                scenario("manual and delayed jobs are skipped after a failure",
                        jobs(job("a"), job("approve").stage(1).manual(false), job("later").stage(1).delayed(FIVE_MINUTES)),
                        states("a", FAILED),
                        decision().skip("approve", "later").phase(RunPhase.FAILED)),
                scenario("an on_failure job needing a failed job runs",
                        jobs(job("a"), job("b"), job("rollback").stage(1).needs("a").when(When.ON_FAILURE)),
                        states("a", FAILED, "b", RUNNING),
                        decision().enqueue("rollback").phase(RunPhase.RUNNING)),
                scenario("an on_failure job needing only successful jobs is skipped though another job failed",
                        jobs(job("a"), job("b"), job("rollback").stage(1).needs("a").when(When.ON_FAILURE)),
                        states("a", SUCCESS, "b", FAILED),
                        decision().skip("rollback").phase(RunPhase.FAILED)),
                scenario("an on_failure job of the first stage is skipped: nothing before it failed",
                        jobs(job("a"), job("alarm").when(When.ON_FAILURE)),
                        states(),
                        decision().enqueue("a").skip("alarm").phase(RunPhase.PENDING)),
                scenario("among needs a failure wins over a skip: on_failure runs",
                        jobs(job("a"), job("b"), job("c").stage(1).needs("a", "b").when(When.ON_FAILURE)),
                        states("a", FAILED, "b", SKIPPED),
                        decision().enqueue("c").phase(RunPhase.RUNNING)),
                scenario("an on_failure job still waits for the stage between it and the failure",
                        jobs(job("a"), job("report").stage(1).when(When.ALWAYS), job("alarm").stage(2).when(When.ON_FAILURE)),
                        states("a", FAILED, "report", RUNNING),
                        decision().phase(RunPhase.RUNNING)));
    }

    static Stream<Case> allowFailure() {
        return Stream.of(
                scenario("an allowed failure counts as success for later stages",
                        jobs(job("a").allowFailure(), job("b").stage(1), job("alarm").stage(1).when(When.ON_FAILURE)),
                        states("a", JobStatus.allowedFailure()),
                        decision().enqueue("b").skip("alarm").phase(RunPhase.RUNNING)),
                scenario("an allowed failure counts as success for needs",
                        jobs(job("a").allowFailure(), job("b").stage(1).needs("a")),
                        states("a", JobStatus.allowedFailure()),
                        decision().enqueue("b").phase(RunPhase.RUNNING)),
                scenario("a run whose only failure is allowed succeeds",
                        jobs(job("a").allowFailure(), job("b")),
                        states("a", JobStatus.allowedFailure(), "b", SUCCESS),
                        decision().phase(RunPhase.SUCCESS)),
                scenario("the status decides, not the definition: a failure outside allow_failure:exit_codes fails",
                        jobs(job("a").allowFailure(), job("b").stage(1)),
                        states("a", FAILED),
                        decision().skip("b").phase(RunPhase.FAILED)));
    }

    static Stream<Case> manualJobs() {
        return Stream.of(
                scenario("a ready manual job is held for a person; blocking, it makes the run MANUAL",
                        jobs(job("deploy").manual(false), job("smoke").stage(1)),
                        states(),
                        decision().holdManual("deploy").phase(RunPhase.MANUAL)),
                scenario("a blocking manual job holds later stages",
                        jobs(job("deploy").manual(false), job("smoke").stage(1)),
                        states("deploy", MANUAL),
                        decision().phase(RunPhase.MANUAL)),
                scenario("a non-blocking manual job does not hold later stages",
                        jobs(job("a"), job("optional").manual(true), job("b").stage(1)),
                        states("a", SUCCESS, "optional", MANUAL),
                        decision().enqueue("b").phase(RunPhase.RUNNING)),
                scenario("a job needing a manual job waits for it, even a non-blocking one",
                        jobs(job("optional").manual(true), job("b").stage(1).needs("optional")),
                        states("optional", MANUAL),
                        decision().phase(RunPhase.MANUAL)),
                scenario("a non-blocking manual job left over does not keep the run from success",
                        jobs(job("a"), job("optional").manual(true)),
                        states("a", SUCCESS, "optional", MANUAL),
                        decision().phase(RunPhase.SUCCESS)),
                scenario("a blocking manual job with other work going: the run is running",
                        jobs(job("deploy").manual(false), job("a"), job("smoke").stage(1)),
                        states("deploy", MANUAL, "a", RUNNING),
                        decision().phase(RunPhase.RUNNING)),
                scenario("a played manual job holds later stages until it finishes",
                        jobs(job("deploy").manual(false), job("smoke").stage(1)),
                        states("deploy", RUNNING),
                        decision().phase(RunPhase.RUNNING)),
                scenario("a played manual job that succeeded releases later stages",
                        jobs(job("deploy").manual(false), job("smoke").stage(1)),
                        states("deploy", SUCCESS),
                        decision().enqueue("smoke").phase(RunPhase.RUNNING)));
    }

    static Stream<Case> delayedJobs() {
        return Stream.of(
                scenario("a ready delayed job is scheduled start_in from now",
                        jobs(job("a"), job("rollout").stage(1).delayed(FIVE_MINUTES)),
                        states("a", SUCCESS),
                        decision().delay("rollout", FIVE_MINUTES).phase(RunPhase.RUNNING)),
                scenario("a scheduled job before its time stays scheduled",
                        jobs(job("a"), job("rollout").stage(1).delayed(FIVE_MINUTES)),
                        states("a", SUCCESS, "rollout", JobStatus.scheduledAt(NOW.plusSeconds(1))),
                        decision().phase(RunPhase.RUNNING)),
                scenario("a scheduled job is enqueued at its time",
                        jobs(job("a"), job("rollout").stage(1).delayed(FIVE_MINUTES)),
                        states("a", SUCCESS, "rollout", JobStatus.scheduledAt(NOW)),
                        decision().enqueue("rollout").phase(RunPhase.RUNNING)),
                scenario("a scheduled job past its time is enqueued",
                        jobs(job("a"), job("rollout").stage(1).delayed(FIVE_MINUTES)),
                        states("a", SUCCESS, "rollout", JobStatus.scheduledAt(NOW.minusSeconds(90))),
                        decision().enqueue("rollout").phase(RunPhase.RUNNING)),
                scenario("a scheduled job holds later stages",
                        jobs(job("rollout").delayed(FIVE_MINUTES), job("verify").stage(1)),
                        states("rollout", JobStatus.scheduledAt(NOW.plusSeconds(60))),
                        decision().phase(RunPhase.PENDING)),
                scenario("a delayed job in the first stage is scheduled at once",
                        jobs(job("rollout").delayed(Duration.ofSeconds(30))),
                        states(),
                        decision().delay("rollout", Duration.ofSeconds(30)).phase(RunPhase.PENDING)));
    }

    static Stream<Case> resourceGroups() {
        return Stream.of(
                scenario("two ready jobs of one group: the first defined is enqueued, the other waits",
                        jobs(job("deploy-a").group("prod"), job("deploy-b").group("prod")),
                        states(),
                        decision().enqueue("deploy-a").waitForResource("deploy-b").phase(RunPhase.PENDING)),
                scenario("a running job holds its group",
                        jobs(job("deploy-a").group("prod"), job("deploy-b").group("prod")),
                        states("deploy-a", RUNNING),
                        decision().waitForResource("deploy-b").phase(RunPhase.RUNNING)),
                scenario("a pending job holds its group; a waiting job keeps waiting without a change",
                        jobs(job("deploy-a").group("prod"), job("deploy-b").group("prod")),
                        states("deploy-a", PENDING, "deploy-b", WAITING_FOR_RESOURCE),
                        decision().phase(RunPhase.PENDING)),
                scenario("a waiting job is enqueued once its group is free",
                        jobs(job("deploy-a").group("prod"), job("deploy-b").group("prod")),
                        states("deploy-a", SUCCESS, "deploy-b", WAITING_FOR_RESOURCE),
                        decision().enqueue("deploy-b").phase(RunPhase.RUNNING)),
                scenario("of the waiting jobs the first defined gets the free group",
                        jobs(job("x").group("prod"), job("y").group("prod"), job("z").group("prod")),
                        states("x", SUCCESS, "y", WAITING_FOR_RESOURCE, "z", WAITING_FOR_RESOURCE),
                        decision().enqueue("y").phase(RunPhase.RUNNING)),
                scenario("a newly ready job defined first wins over a waiting job defined later",
                        jobs(job("a"), job("first").stage(1).needs("a").group("prod"), job("second").group("prod")),
                        states("a", SUCCESS, "second", WAITING_FOR_RESOURCE),
                        decision().enqueue("first").phase(RunPhase.RUNNING)),
                scenario("different groups do not hold each other",
                        jobs(job("prod").group("prod"), job("staging").group("staging"), job("plain")),
                        states(),
                        decision().enqueue("prod", "staging", "plain").phase(RunPhase.PENDING)),
                scenario("a due scheduled job waits for its busy group",
                        jobs(job("deploy").group("prod"), job("rollout").delayed(FIVE_MINUTES).group("prod")),
                        states("deploy", RUNNING, "rollout", JobStatus.scheduledAt(NOW.minusSeconds(1))),
                        decision().waitForResource("rollout").phase(RunPhase.RUNNING)),
                scenario("a job waiting for its group holds later stages",
                        jobs(job("deploy").group("prod"), job("other").group("prod"), job("smoke").stage(1)),
                        states("other", RUNNING, "deploy", WAITING_FOR_RESOURCE),
                        decision().phase(RunPhase.RUNNING)));
    }

    /** A case with the resource groups other runs of the pipeline hold now. */
    record ElsewhereCase(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, Set<String> heldElsewhere,
            SchedulingDecision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ElsewhereCase> groupsHeldByOtherRuns() {
        return Stream.of(
                new ElsewhereCase("a ready job waits while another run holds its group",
                        jobs(job("deploy").group("prod")), states(), Set.of("prod"),
                        decision().waitForResource("deploy").phase(RunPhase.PENDING)),
                new ElsewhereCase("a waiting job keeps waiting without a change",
                        jobs(job("deploy").group("prod")), states("deploy", WAITING_FOR_RESOURCE), Set.of("prod"),
                        decision().phase(RunPhase.PENDING)),
                new ElsewhereCase("a waiting job is enqueued once no other run holds its group",
                        jobs(job("deploy").group("prod")), states("deploy", WAITING_FOR_RESOURCE), Set.of(),
                        decision().enqueue("deploy").phase(RunPhase.PENDING)),
                new ElsewhereCase("another run's group does not hold other groups or jobs without one",
                        jobs(job("prod").group("prod"), job("staging").group("staging"), job("plain")), states(),
                        Set.of("prod"),
                        decision().enqueue("staging", "plain").waitForResource("prod").phase(RunPhase.PENDING)),
                new ElsewhereCase("a due scheduled job waits for a group held elsewhere",
                        jobs(job("rollout").delayed(FIVE_MINUTES).group("prod")),
                        states("rollout", JobStatus.scheduledAt(NOW.minusSeconds(1))), Set.of("prod"),
                        decision().waitForResource("rollout").phase(RunPhase.PENDING)),
                new ElsewhereCase("a manual job is not touched by a group held elsewhere",
                        jobs(job("deploy").group("prod").manual(false)), states("deploy", JobState.MANUAL),
                        Set.of("prod"), decision().phase(RunPhase.MANUAL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupsHeldByOtherRuns")
    void groupsHeldByOtherRunsAreNotFree(ElsewhereCase c) {
        SchedulingDecision decision = scheduler.next(c.jobs(), c.states(), NOW, c.heldElsewhere());

        assertEquals(c.expected(), decision);
        assertTrue(scheduler.next(c.jobs(), decision.applyTo(c.states()), NOW, c.heldElsewhere()).isEmpty());
    }

    static Stream<Case> skippedNeeds() {
        return Stream.of(
                scenario("a skipped need skips an on_success dependent",
                        jobs(job("a").when(When.NEVER), job("b").stage(1).needs("a")),
                        states("a", SKIPPED),
                        decision().skip("b").phase(RunPhase.SKIPPED)),
                scenario("a skipped need still runs an always dependent",
                        jobs(job("a"), job("b").stage(1).needs("a").when(When.ALWAYS)),
                        states("a", SKIPPED),
                        decision().enqueue("b").phase(RunPhase.PENDING)),
                scenario("a skipped need skips manual, delayed and on_failure dependents",
                        jobs(job("a"), job("m").stage(1).needs("a").manual(false),
                                job("d").stage(1).needs("a").delayed(FIVE_MINUTES),
                                job("f").stage(1).needs("a").when(When.ON_FAILURE)),
                        states("a", SKIPPED),
                        decision().skip("m", "d", "f").phase(RunPhase.SKIPPED)),
                scenario("skips cascade along needs in one call",
                        jobs(job("a"), job("b").stage(1).needs("a"), job("c").stage(2).needs("b"),
                                job("d").stage(2).needs("c"), job("e").stage(3).needs("d").when(When.ALWAYS)),
                        states("a", FAILED),
                        decision().skip("b", "c", "d").enqueue("e").phase(RunPhase.RUNNING)),
                scenario("unlike needs, stage order runs on_success after a skipped job",
                        jobs(job("a"), job("b").stage(1), job("c").stage(1).needs("a")),
                        states("a", SKIPPED),
                        decision().enqueue("b").skip("c").phase(RunPhase.PENDING)));
    }

    static Stream<Case> neverJobs() {
        return Stream.of(
                scenario("a when: never job is skipped at once, before its stage is reached",
                        jobs(job("a"), job("n").stage(1).when(When.NEVER)),
                        states("a", RUNNING),
                        decision().skip("n").phase(RunPhase.RUNNING)),
                scenario("a run of never jobs is skipped in one call",
                        jobs(job("n1").when(When.NEVER), job("n2").stage(1).when(When.NEVER), job("n3").stage(2).needs("n2")),
                        states(),
                        decision().skip("n1", "n2", "n3").phase(RunPhase.SKIPPED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"stagesOnly", "needsOnly", "stagesAndNeedsMixed", "emptyNeeds", "failures", "allowFailure",
            "manualJobs", "delayedJobs", "resourceGroups", "skippedNeeds", "neverJobs"})
    void decidesWhatMayRunNow(Case c) {
        SchedulingDecision decision = scheduler.next(c.jobs(), c.states(), NOW);

        assertEquals(c.expected(), decision);
        // its own decision applied, the scheduler has nothing more to do at the same time
        SchedulingDecision again = scheduler.next(c.jobs(), decision.applyTo(c.states()), NOW);
        assertTrue(again.isEmpty(), () -> "second call: " + again);
        assertEquals(decision.phase(), again.phase());
        assertEquals(decision.phase(), RunPhases.of(c.jobs(), decision.applyTo(c.states())));
    }

    @Test
    void leavesTheGivenStatesAlone() {
        Map<String, JobStatus> states = states("a", SUCCESS);
        Map<String, JobStatus> before = Map.copyOf(states);

        SchedulingDecision decision = scheduler.next(jobs(job("a"), job("b").stage(1)), states, NOW);

        assertEquals(List.of("b"), decision.enqueue());
        assertEquals(before, states);
    }

    record Refused(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refusedInputs() {
        return Stream.of(
                new Refused("duplicate job names",
                        jobs(job("a"), job("a").stage(1)), states(),
                        "job name \"a\" is used more than once"),
                new Refused("a need outside the run",
                        jobs(job("a"), job("b").needs("c")), states(),
                        "job \"b\" needs \"c\", which is not a job of this run"),
                new Refused("a state for a job outside the run",
                        jobs(job("a")), states("ghost", SUCCESS),
                        "a state is given for \"ghost\", which is not a job of this run"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedInputs")
    void refusesInputsThatBreakItsContract(Refused c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scheduler.next(c.jobs(), c.states(), NOW));
        assertEquals(c.message(), e.getMessage());
    }
}
