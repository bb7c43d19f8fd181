package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.scheduling.RetryFailed;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What a person does to a run: cancel it, retry its failed jobs, play a manual job. */
@ApplicationScoped
public class RunControl {

    @Inject
    Outbox outbox;

    @Inject
    RunAdvancer advancer;

    @Inject
    RunEvents events;

    @Inject
    JobSignals signals;

    /**
     * Queued and waiting jobs end canceled at once; running ones are asked to stop (their runner learns it at
     * its next heartbeat or log send, kills the job's processes and reports it canceled).
     */
    public Uni<PipelineRun> cancel(UUID runId) {
        Instant now = Instant.now();
        return outbox.inTransaction(() -> locked(runId).flatMap(run -> lockedAttempts(runId).flatMap(attempts ->
                RunJob.ofRun(runId).flatMap(jobs -> {
                    Uni<Void> ended = Uni.createFrom().voidItem();
                    for (JobAttempt attempt : attempts) {
                        if (JobAttempt.RUNNING.equals(attempt.status)) {
                            attempt.cancelRequested = true;
                        } else if (JobAttempt.PENDING.equals(attempt.status)) {
                            attempt.status = JobStatuses.CANCELED;
                            attempt.finishedAt = now;
                            RunJob job = jobs.stream().filter(j -> j.id.equals(attempt.jobId)).findFirst().orElseThrow();
                            job.status = JobStatuses.CANCELED;
                            ended = ended.flatMap(ignored -> events.jobCompleted(run, job, attempt, false));
                        }
                    }
                    for (RunJob job : jobs) {
                        if (Set.of(JobStatuses.CREATED, JobStatuses.MANUAL, JobStatuses.SCHEDULED,
                                JobStatuses.WAITING_FOR_RESOURCE).contains(job.status)) {
                            job.status = JobStatuses.CANCELED;
                        }
                    }
                    return ended.flatMap(ignored -> advancer.advance(run, now)).map(RunAdvancer.Advanced::run);
                })))).invoke(run -> {
                    signals.jobsChanged();
                    signals.logsChanged();
                });
    }

    /** Failed and canceled jobs, and the jobs skipped because of them, run again as new attempts. */
    public Uni<PipelineRun> retryFailed(UUID runId, String by) {
        Instant now = Instant.now();
        return outbox.inTransaction(() -> locked(runId).flatMap(run -> {
            if (!JobStatuses.isFinished(run.status)) {
                throw DomainException.failedPrecondition("run " + runId + " is " + run.status
                        + ": only a finished run can be retried");
            }
            return RunJob.ofRun(runId).flatMap(jobs -> {
                List<String> again = RetryFailed.plan(SchedulerInputs.jobs(jobs), SchedulerInputs.states(jobs));
                if (again.isEmpty()) {
                    throw DomainException.failedPrecondition("run " + runId + " has no failed or canceled job to retry");
                }
                for (RunJob job : jobs) {
                    if (again.contains(job.name)) {
                        job.status = JobStatuses.CREATED;
                        job.failureAllowed = false;
                        job.dueAt = null;
                    }
                }
                run.finishedAt = null;
                run.status = JobStatuses.RUNNING;
                return events.pipelineRetried(run, by).flatMap(ignored -> advancer.advance(run, now));
            });
        })).map(advanced -> {
            if (advanced.queued()) {
                signals.jobsChanged();
            }
            return advanced.run();
        });
    }

    /** Starts a manual job that is waiting to be played. */
    public Uni<PipelineRun> play(UUID runId, String jobName) {
        Instant now = Instant.now();
        return outbox.inTransaction(() -> locked(runId).flatMap(run -> RunJob.ofRun(runId).flatMap(jobs -> {
            RunJob job = jobs.stream().filter(j -> j.name.equals(jobName)).findFirst().orElseThrow(() ->
                    DomainException.notFound("run " + runId + " has no job '" + jobName + "'"));
            if (!JobStatuses.MANUAL.equals(job.status)) {
                throw DomainException.failedPrecondition("job '" + jobName + "' is " + job.status
                        + ", not waiting to be played");
            }
            // A job of a resource group waits for its turn; the scheduler hands the group over.
            if (job.resourceGroup != null) {
                job.status = JobStatuses.WAITING_FOR_RESOURCE;
                return advancer.advance(run, now);
            }
            return advancer.queue(run, job, now).flatMap(ignored -> advancer.advance(run, now));
        }))).map(advanced -> {
            signals.jobsChanged();
            return advanced.run();
        });
    }

    private static Uni<PipelineRun> locked(UUID runId) {
        return PipelineRun.lock(runId).map(run -> {
            if (run == null) {
                throw DomainException.notFound("no run " + runId);
            }
            return run;
        });
    }

    private static Uni<List<JobAttempt>> lockedAttempts(UUID runId) {
        return JobAttempt.<JobAttempt>find("runId = ?1 and status in ('pending', 'running')", runId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
