package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.scheduling.DagScheduler;
import io.opsplane.pipeline.scheduling.DelayedStart;
import io.opsplane.pipeline.scheduling.JobStatus;
import io.opsplane.pipeline.scheduling.RunPhases;
import io.opsplane.pipeline.scheduling.SchedulableJob;
import io.opsplane.pipeline.scheduling.SchedulingDecision;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves a run forward: asks the scheduler what may happen now, applies it to the stored jobs (queueing an
 * attempt for each job to run), and settles the run's status. Runs inside the caller's transaction with the
 * run locked, so one decision is made at a time whichever instance makes it.
 */
@ApplicationScoped
public class RunAdvancer {

    private final DagScheduler scheduler = new DagScheduler();

    @Inject
    RunEvents events;

    /** Whether an attempt was queued: the caller wakes waiting runners after the commit. */
    public record Advanced(PipelineRun run, boolean queued) {
    }

    public Uni<Advanced> advance(PipelineRun run, Instant now) {
        return RunJob.ofRun(run.id).flatMap(jobs -> ResourceGroups.heldElsewhere(run, jobs)
                .flatMap(heldElsewhere -> apply(run, jobs, heldElsewhere, now)));
    }

    private Uni<Advanced> apply(PipelineRun run, List<RunJob> jobs, Set<String> heldElsewhere, Instant now) {
        Map<String, RunJob> byName = jobs.stream().collect(Collectors.toMap(j -> j.name, Function.identity()));
        List<SchedulableJob> schedulable = SchedulerInputs.jobs(jobs);
        Map<String, JobStatus> states = SchedulerInputs.states(jobs);
        List<RunJob> toQueue = new ArrayList<>();
        // Each pass may unlock the next (a skip lets later stages be decided); the scheduler converges, and a
        // pass per job is more than it can ever need.
        for (int pass = 0; pass <= jobs.size(); pass++) {
            SchedulingDecision decision = scheduler.next(schedulable, states, now, heldElsewhere);
            if (decision.isEmpty()) {
                break;
            }
            decision.enqueue().forEach(name -> {
                RunJob job = byName.get(name);
                job.status = JobStatuses.PENDING;
                job.dueAt = null;
                toQueue.add(job);
            });
            decision.skip().forEach(name -> byName.get(name).status = JobStatuses.SKIPPED);
            decision.holdManual().forEach(name -> byName.get(name).status = JobStatuses.MANUAL);
            decision.waitForResource().forEach(name -> byName.get(name).status = JobStatuses.WAITING_FOR_RESOURCE);
            for (DelayedStart delayed : decision.delay()) {
                RunJob job = byName.get(delayed.job());
                job.status = JobStatuses.SCHEDULED;
                job.dueAt = delayed.dueAt();
            }
            states = decision.applyTo(states);
        }
        String phase = RunPhases.of(schedulable, states).name().toLowerCase(Locale.ROOT);
        Uni<Void> queued = Uni.createFrom().voidItem();
        for (RunJob job : toQueue) {
            queued = queued.flatMap(ignored -> queue(run, job, now));
        }
        return queued.flatMap(ignored -> settle(run, phase, now)).map(settled -> new Advanced(settled, !toQueue.isEmpty()));
    }

    /** A new attempt of {@code job}, waiting for a runner. */
    Uni<Void> queue(PipelineRun run, RunJob job, Instant now) {
        job.status = JobStatuses.PENDING;
        job.attempts++;
        JobAttempt attempt = new JobAttempt();
        attempt.id = UUID.randomUUID();
        attempt.jobId = job.id;
        attempt.runId = run.id;
        attempt.number = job.attempts;
        attempt.status = JobAttempt.PENDING;
        attempt.tags = job.tags;
        attempt.queuedAt = now;
        return attempt.persist().replaceWithVoid();
    }

    /** Stores the run's new status; a run that has just finished is announced. */
    Uni<PipelineRun> settle(PipelineRun run, String phase, Instant now) {
        if (phase.equals(run.status)) {
            return Uni.createFrom().item(run);
        }
        run.status = phase;
        boolean finished = JobStatuses.isFinished(phase);
        if (!finished) {
            run.finishedAt = null;
            return Uni.createFrom().item(run);
        }
        run.finishedAt = now;
        return events.pipelineCompleted(run).replaceWith(run);
    }
}
