package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.domain.Runner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The job queue: pending attempts, oldest first, claimed by one runner each with {@code FOR UPDATE SKIP
 * LOCKED} (concurrent claims, from any number of instances, never take the same attempt nor wait for each
 * other). A claim gives the attempt a new fencing token and a lease.
 */
@ApplicationScoped
public class JobQueue {

    // A job's tags must all be among the runner's; an untagged job goes only to runners that take them.
    private static final String CLAIM = """
            UPDATE job_attempt SET status = 'running', runner_id = :runner, started_at = :now,
                   fencing_token = nextval('job_fencing_token'), lease_expires_at = :leaseEnd
             WHERE id = (SELECT a.id FROM job_attempt a
                          WHERE a.status = 'pending'
                            AND ((a.tags = '' AND :untagged)
                                 OR (a.tags <> '' AND string_to_array(a.tags, ',') <@ string_to_array(:tags, ',')))
                          ORDER BY a.queue_seq
                          LIMIT 1
                          FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private static final String RUN_STARTED = """
            UPDATE pipeline_run SET status = 'running', started_at = COALESCE(started_at, :now)
             WHERE id = :run AND status IN ('created', 'pending')""";

    @Inject
    RunEvents events;

    @Inject
    RunnerLease lease;

    /** A claimed attempt with its job and run. */
    public record Claimed(JobAttempt attempt, RunJob job, PipelineRun run) {
    }

    /** Claims the oldest attempt {@code runner} may take, or null; runs in the caller's transaction. */
    Uni<Claimed> claim(Runner runner, Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM, UUID.class)
                .setParameter("runner", runner.id).setParameter("now", utc(now))
                .setParameter("leaseEnd", utc(now.plus(lease.lease())))
                .setParameter("untagged", runner.runUntagged).setParameter("tags", runner.tags)
                .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : started(ids.get(0), now));
    }

    private Uni<Claimed> started(UUID attemptId, Instant now) {
        return JobAttempt.<JobAttempt>findById(attemptId).flatMap(attempt -> RunJob.<RunJob>findById(attempt.jobId)
                .flatMap(job -> {
                    job.status = JobStatuses.RUNNING;
                    return Panache.getSession().flatMap(session -> session.createNativeQuery(RUN_STARTED)
                            .setParameter("now", utc(now)).setParameter("run", attempt.runId).executeUpdate())
                            .flatMap(updated -> PipelineRun.<PipelineRun>findById(attempt.runId))
                            .flatMap(run -> events.jobStarted(run, job, attempt)
                                    .replaceWith(new Claimed(attempt, job, run)));
                }));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
