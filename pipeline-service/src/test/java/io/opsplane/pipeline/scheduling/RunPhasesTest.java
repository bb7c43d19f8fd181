package io.opsplane.pipeline.scheduling;

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

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunPhasesTest {

    record Case(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, RunPhase phase) {
        @Override
        public String toString() {
            return name + " \u2192 " + phase;
        }
    }

    private static Case phase(String name, List<SchedulableJob> jobs, Map<String, JobStatus> states, RunPhase phase) {
        return new Case(name, jobs, states, phase);
    }

    private static final List<SchedulableJob> TWO_STAGES = jobs(job("a"), job("b"), job("c").stage(1));

    static Stream<Case> phases() {
        return Stream.of(
                phase("no job has left CREATED", TWO_STAGES, states(), RunPhase.CREATED),
                phase("queued, none started", TWO_STAGES, states("a", PENDING, "b", PENDING), RunPhase.PENDING),
                phase("waiting for a resource, none started", TWO_STAGES, states("a", WAITING_FOR_RESOURCE, "b", PENDING), RunPhase.PENDING),
                phase("scheduled beside a skipped job, none started", TWO_STAGES,
                        states("a", JobStatus.scheduledAt(NOW), "b", SKIPPED), RunPhase.PENDING),
                phase("a created job can start though nothing is queued yet", TWO_STAGES,
                        states("a", SKIPPED, "b", SKIPPED), RunPhase.PENDING),
                phase("a job runs", TWO_STAGES, states("a", RUNNING), RunPhase.RUNNING),
                phase("one job finished, one queued: GitLab shows running once a job started", TWO_STAGES,
                        states("a", SUCCESS, "b", PENDING), RunPhase.RUNNING),
                phase("earlier stages done, the next can start", TWO_STAGES, states("a", SUCCESS, "b", SUCCESS), RunPhase.RUNNING),
                phase("all succeeded", TWO_STAGES, states("a", SUCCESS, "b", SUCCESS, "c", SUCCESS), RunPhase.SUCCESS),
                phase("a failure", TWO_STAGES, states("a", SUCCESS, "b", FAILED, "c", SKIPPED), RunPhase.FAILED),
                phase("an allowed failure", TWO_STAGES,
                        states("a", SUCCESS, "b", JobStatus.allowedFailure(), "c", SUCCESS), RunPhase.SUCCESS),
                phase("failed wins over canceled", TWO_STAGES, states("a", CANCELED, "b", FAILED, "c", SKIPPED), RunPhase.FAILED),
                phase("canceled wins over success", TWO_STAGES, states("a", SUCCESS, "b", CANCELED, "c", SKIPPED), RunPhase.CANCELED),
                phase("all skipped", TWO_STAGES, states("a", SKIPPED, "b", SKIPPED, "c", SKIPPED), RunPhase.SKIPPED),
                phase("skipped and succeeded", TWO_STAGES, states("a", SKIPPED, "b", SUCCESS, "c", SKIPPED), RunPhase.SUCCESS),
                phase("a blocking manual job holds the rest",
                        jobs(job("deploy").manual(false), job("smoke").stage(1)), states("deploy", MANUAL), RunPhase.MANUAL),
                phase("a blocking manual job left at the end",
                        jobs(job("a"), job("deploy").stage(1).manual(false)), states("a", SUCCESS, "deploy", MANUAL), RunPhase.MANUAL),
                phase("a blocking manual job beside a failure",
                        jobs(job("a"), job("deploy").manual(false), job("c").stage(1)),
                        states("a", FAILED, "deploy", MANUAL), RunPhase.MANUAL),
                phase("a blocking manual job while other work runs",
                        jobs(job("a"), job("deploy").manual(false)), states("a", RUNNING, "deploy", MANUAL), RunPhase.RUNNING),
                phase("a non-blocking manual job left over beside success",
                        jobs(job("a"), job("optional").manual(true)), states("a", SUCCESS, "optional", MANUAL), RunPhase.SUCCESS),
                phase("a non-blocking manual job left over beside a failure",
                        jobs(job("a"), job("optional").manual(true)), states("a", FAILED, "optional", MANUAL), RunPhase.FAILED),
                phase("only a non-blocking manual job: nothing ran",
                        jobs(job("optional").manual(true)), states("optional", MANUAL), RunPhase.SKIPPED),
                phase("a job waiting on a non-blocking manual job it needs",
                        jobs(job("optional").manual(true), job("b").stage(1).needs("optional")),
                        states("optional", MANUAL), RunPhase.MANUAL),
                phase("a job behind a non-blocking manual job under stage order can start",
                        jobs(job("optional").manual(true), job("b").stage(1)), states("optional", MANUAL), RunPhase.PENDING),
                phase("a run without jobs", List.of(), states(), RunPhase.SKIPPED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phases")
    void derivesTheRunPhaseFromJobStates(Case c) {
        assertEquals(c.phase(), RunPhases.of(c.jobs(), c.states()));
    }
}
