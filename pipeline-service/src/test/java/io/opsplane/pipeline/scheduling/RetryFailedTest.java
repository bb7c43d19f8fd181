package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import static io.opsplane.pipeline.scheduling.JobState.CANCELED;
import static io.opsplane.pipeline.scheduling.JobState.CREATED;
import static io.opsplane.pipeline.scheduling.JobState.FAILED;
import static io.opsplane.pipeline.scheduling.JobState.MANUAL;
import static io.opsplane.pipeline.scheduling.JobState.SKIPPED;
import static io.opsplane.pipeline.scheduling.JobState.SUCCESS;
import static io.opsplane.pipeline.scheduling.Jobs.NOW;
import static io.opsplane.pipeline.scheduling.Jobs.job;
import static io.opsplane.pipeline.scheduling.Jobs.jobs;
import static io.opsplane.pipeline.scheduling.Jobs.states;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryFailedTest {

    record Case(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, List<String> retried) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> plans() {
        return Stream.of(
                new Case("a failed job and the later stages skipped behind it",
                        jobs(job("a"), job("b"), job("c").stage(1), job("d").stage(2)),
                        states("a", SUCCESS, "b", FAILED, "c", SKIPPED, "d", SKIPPED),
                        List.of("b", "c", "d")),
                new Case("successful jobs keep their state, an on_failure job that ran too",
                        jobs(job("a"), job("deploy").stage(1), job("cleanup").stage(1).when(When.ON_FAILURE)),
                        states("a", FAILED, "deploy", SKIPPED, "cleanup", SUCCESS),
                        List.of("a", "deploy")),
                new Case("canceled jobs are retried",
                        jobs(job("a"), job("b").stage(1)),
                        states("a", CANCELED, "b", SKIPPED),
                        List.of("a", "b")),
                new Case("allowed failures are retried too",
                        jobs(job("a").allowFailure(), job("b").stage(1)),
                        states("a", JobStatus.allowedFailure(), "b", SUCCESS),
                        List.of("a")),
                new Case("jobs skipped along needs, transitively",
                        jobs(job("a"), job("b").stage(1).needs("a"), job("c").stage(2).needs("b"), job("other").stage(1).needs()),
                        states("a", FAILED, "b", SKIPPED, "c", SKIPPED, "other", SUCCESS),
                        List.of("a", "b", "c")),
                new Case("a skipped job of the failed job's own stage stays skipped",
                        jobs(job("a"), job("b").stage(1), job("alarm").stage(1).when(When.ON_FAILURE)),
                        states("a", SUCCESS, "b", FAILED, "alarm", SKIPPED),
                        List.of("b")),
                new Case("a skipped job that needs nothing retried stays skipped",
                        jobs(job("a"), job("x").when(When.ON_FAILURE), job("y").stage(1).needs("x")),
                        states("a", FAILED, "x", SKIPPED, "y", SKIPPED),
                        List.of("a")),
                new Case("when: never jobs stay skipped",
                        jobs(job("a"), job("n").stage(1).when(When.NEVER), job("b").stage(1)),
                        states("a", FAILED, "n", SKIPPED, "b", SKIPPED),
                        List.of("a", "b")),
                new Case("manual and created jobs keep their state",
                        jobs(job("a"), job("deploy").manual(false), job("b").stage(1)),
                        states("a", FAILED, "deploy", MANUAL),
                        List.of("a")),
                new Case("nothing failed, nothing to retry",
                        jobs(job("a"), job("b").stage(1)),
                        states("a", SUCCESS, "b", SKIPPED),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void sendsBackTheFailedJobsAndWhatTheySkipped(Case c) {
        assertEquals(c.retried(), RetryFailed.plan(c.jobs(), c.states()));
    }

    @Test
    void theSchedulerTakesTheRetriedJobsAgain() {
        List<SchedulableJob> jobs = jobs(job("a"), job("b"), job("c").stage(1), job("d").stage(2).needs("a"));
        Map<String, JobStatus> finished = states("a", SUCCESS, "b", FAILED, "c", SKIPPED, "d", SUCCESS);
        Map<String, JobStatus> retrying = new HashMap<>(finished);
        RetryFailed.plan(jobs, finished).forEach(job -> retrying.put(job, JobStatus.of(CREATED)));

        SchedulingDecision decision = new DagScheduler().next(jobs, retrying, NOW);

        assertEquals(List.of("b"), decision.enqueue());
        assertEquals(List.of(), decision.skip());
        assertEquals(RunPhase.RUNNING, decision.phase());
        assertEquals(JobStatus.of(CREATED), decision.applyTo(retrying).get("c"));
        assertEquals(JobStatus.of(SUCCESS), decision.applyTo(retrying).get("d"));
    }
}
