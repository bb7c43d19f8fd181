package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.runs.Lines;
import io.opsplane.pipeline.runs.RunQueries;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.pipeline.v1.Job;
import io.opsplane.proto.pipeline.v1.JobEnvironment;
import io.opsplane.proto.pipeline.v1.Run;
import java.time.Instant;
import java.util.List;

/** Runs, jobs and attempts as the contract shows them. */
final class RunMessages {

    private RunMessages() {
    }

    static Run summary(PipelineRun run) {
        Run.Builder message = Run.newBuilder().setId(run.id.toString()).setPipelineName(run.pipelineName)
                .setVersion(run.version).setStatus(run.status).setTrigger(run.trigger).setRef(run.ref)
                .setCommitSha(run.commitSha).setTriggeredBy(run.triggeredBy).setCorrelationId(run.correlationId)
                .setCreatedAt(Timestamps.of(run.createdAt)).addAllStages(Lines.split(run.stages))
                .addAllWarnings(Lines.split(run.warnings));
        at(run.startedAt, message::setStartedAt);
        at(run.finishedAt, message::setFinishedAt);
        return message.build();
    }

    static Run detail(RunQueries.RunDetail detail) {
        Run.Builder message = summary(detail.run()).toBuilder();
        for (RunJob job : detail.jobs()) {
            message.addJobs(job(job, detail.attempts().stream().filter(a -> a.jobId.equals(job.id)).toList()));
        }
        return message.build();
    }

    private static Job job(RunJob job, List<JobAttempt> attempts) {
        Job.Builder message = Job.newBuilder().setName(job.name).setStage(job.stage).setStatus(job.status)
                .setWhen(job.when).setAllowFailure(job.allowFailure).setNeedsDeclared(job.needs != null)
                .setFailureAllowed(job.failureAllowed)
                .setResourceGroup(job.resourceGroup == null ? "" : job.resourceGroup)
                .addAllTags(Lines.splitTags(job.tags));
        if (job.needs != null && !job.needs.isEmpty()) {
            for (String line : job.needs.split("\n")) {
                message.addNeeds(line.substring(2));
            }
        }
        if (job.environmentName != null) {
            message.setEnvironment(JobEnvironment.newBuilder().setName(job.environmentName)
                    .setUrl(job.environmentUrl == null ? "" : job.environmentUrl)
                    .setAction(job.environmentAction == null ? "" : job.environmentAction));
        }
        at(job.dueAt, message::setScheduledAt);
        for (JobAttempt attempt : attempts) {
            io.opsplane.proto.pipeline.v1.JobAttempt.Builder a = io.opsplane.proto.pipeline.v1.JobAttempt.newBuilder()
                    .setNumber(attempt.number).setStatus(attempt.status)
                    .setRunnerId(attempt.runnerId == null ? "" : attempt.runnerId.toString())
                    .setExitCode(attempt.exitCode == null ? 0 : attempt.exitCode)
                    .setFailureReason(attempt.failureReason == null ? "" : attempt.failureReason)
                    .setQueuedAt(Timestamps.of(attempt.queuedAt)).setLogBytes(attempt.logBytes);
            at(attempt.startedAt, a::setStartedAt);
            at(attempt.finishedAt, a::setFinishedAt);
            message.addAttempts(a);
        }
        return message.build();
    }


    private static void at(Instant instant, java.util.function.Consumer<com.google.protobuf.Timestamp> setter) {
        if (instant != null) {
            setter.accept(Timestamps.of(instant));
        }
    }
}
