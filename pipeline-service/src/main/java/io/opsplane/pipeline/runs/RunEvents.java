package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.JobCompleted;
import io.opsplane.proto.events.v1.JobStarted;
import io.opsplane.proto.events.v1.PipelineCompleted;
import io.opsplane.proto.events.v1.PipelineStarted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The events of a run, in the run's transaction, all carrying the run's correlation id and trace: whatever
 * caused a step (a runner's call, a timer), the timeline links it to the commit that started the run.
 */
@ApplicationScoped
public class RunEvents {

    @Inject
    Outbox outbox;

    Uni<Void> pipelineStarted(PipelineRun run) {
        PipelineStarted.Builder event = PipelineStarted.newBuilder().setPipelineName(run.pipelineName)
                .setVersion(run.version).setRunId(run.id.toString()).setTrigger(run.trigger).setRef(run.ref)
                .setCommitSha(run.commitSha).setTriggeredBy(run.triggeredBy)
                .setStartedAt(Timestamps.of(run.createdAt));
        if (run.parentRunId != null) {
            event.setParentRunId(run.parentRunId.toString());
        }
        return record(run, event.build());
    }

    /** A finished run runs again (its failed jobs): announced like a start, with trigger {@code retry}. */
    Uni<Void> pipelineRetried(PipelineRun run, String by) {
        return record(run, PipelineStarted.newBuilder().setPipelineName(run.pipelineName).setVersion(run.version)
                .setRunId(run.id.toString()).setTrigger("retry").setRef(run.ref).setCommitSha(run.commitSha)
                .setTriggeredBy(by).setParentRunId(run.id.toString())
                .setStartedAt(Timestamps.of(java.time.Instant.now())).build());
    }

    Uni<Void> jobStarted(PipelineRun run, RunJob job, JobAttempt attempt) {
        return record(run, JobStarted.newBuilder().setPipelineName(run.pipelineName).setRunId(run.id.toString())
                .setJobName(job.name).setStage(job.stage).setAttempt(attempt.number)
                .setRunnerId(String.valueOf(attempt.runnerId)).setCommitSha(run.commitSha)
                .setStartedAt(Timestamps.of(attempt.startedAt))
                .setEnvironment(orEmpty(job.environmentName)).build());
    }

    Uni<Void> jobCompleted(PipelineRun run, RunJob job, JobAttempt attempt, boolean willRetry) {
        long millis = attempt.startedAt == null || attempt.finishedAt == null ? 0
                : Duration.between(attempt.startedAt, attempt.finishedAt).toMillis();
        return record(run, JobCompleted.newBuilder().setPipelineName(run.pipelineName).setRunId(run.id.toString())
                .setJobName(job.name).setStage(job.stage).setOutcome(attempt.status).setAttempt(attempt.number)
                .setRunnerId(attempt.runnerId == null ? "" : attempt.runnerId.toString())
                .setExitCode(attempt.exitCode == null ? 0 : attempt.exitCode)
                .setFailureReason(orEmpty(attempt.failureReason)).setDurationMillis(millis)
                .setFailureAllowed(job.failureAllowed).setWillRetry(willRetry).setCommitSha(run.commitSha)
                .setEnvironment(orEmpty(job.environmentName)).setEnvironmentUrl(orEmpty(job.environmentUrl))
                .setEnvironmentAction(orEmpty(job.environmentAction))
                .setCompletedAt(Timestamps.of(attempt.finishedAt)).build());
    }

    Uni<Void> pipelineCompleted(PipelineRun run) {
        long millis = Duration.between(run.createdAt, run.finishedAt).toMillis();
        return record(run, PipelineCompleted.newBuilder().setPipelineName(run.pipelineName)
                .setRunId(run.id.toString()).setOutcome(run.status).setVersion(run.version).setRef(run.ref)
                .setCommitSha(run.commitSha).setTrigger(run.trigger).setDurationMillis(millis)
                .setCompletedAt(Timestamps.of(run.finishedAt)).build());
    }

    private Uni<Void> record(PipelineRun run, com.google.protobuf.Message event) {
        return outbox.record(run.pipelineName, event, run.correlationId, run.traceparent).replaceWithVoid();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
