package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Given what finished, what may run now: a pure function from a run's jobs and their states to the
 * changes to make, with GitLab CI's rules. Call it whenever a job changes state or a delayed job
 * falls due, apply the decision, and call again later; applying a decision and calling again with
 * the same {@code now} gives an empty decision.
 *
 * <p>What stays with the caller: playing a manual job (set it PENDING, or WAITING_FOR_RESOURCE when
 * it has a resource group), moving PENDING to RUNNING and on to an outcome, and canceling a run
 * (mark every unfinished job CANCELED).
 */
public final class DagScheduler {

    /**
     * @param jobs   the run's jobs in definition order; needs name jobs of the run
     * @param states each job's status; a job missing from the map is CREATED
     * @param now    the time delayed jobs are measured against
     * @throws IllegalArgumentException on duplicate names, needs on jobs outside the run, or states
     *                                  of jobs outside the run
     */
    public SchedulingDecision next(List<SchedulableJob> jobs, Map<String, JobStatus> states, Instant now) {
        return next(jobs, states, now, Set.of());
    }

    /**
     * The same, with resource groups that jobs of other runs hold now: a job of this run in one of them waits.
     *
     * @param heldElsewhere resource groups a job outside this run holds (PENDING or RUNNING there)
     */
    public SchedulingDecision next(List<SchedulableJob> jobs, Map<String, JobStatus> states, Instant now,
            Set<String> heldElsewhere) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(heldElsewhere, "heldElsewhere");
        RunGraph graph = RunGraph.of(jobs);
        Map<String, JobStatus> given = graph.statusesFrom(states);
        // decisions taken in this pass are visible to later jobs, so a skip cascades in one call
        Map<String, JobStatus> working = new HashMap<>(given);
        Map<String, JobStatus> changes = new HashMap<>();
        Set<String> wantToRun = new HashSet<>();

        for (SchedulableJob job : graph.processingOrder()) {
            JobStatus status = working.get(job.name());
            switch (status.state()) {
                case CREATED -> startOf(job, graph, working).ifPresent(start -> {
                    if (start == Start.RUN) {
                        wantToRun.add(job.name());
                        // not finished, whether it gets its resource or waits: dependents keep waiting
                        working.put(job.name(), JobStatus.of(JobState.PENDING));
                        return;
                    }
                    JobStatus next = switch (start) {
                        case SKIP -> JobStatus.of(JobState.SKIPPED);
                        case HOLD_MANUAL -> JobStatus.of(JobState.MANUAL);
                        case DELAY -> JobStatus.scheduledAt(now.plus(job.startIn()));
                        case RUN -> throw new IllegalStateException("handled above");
                    };
                    working.put(job.name(), next);
                    changes.put(job.name(), next);
                });
                case SCHEDULED -> {
                    if (!status.dueAt().isAfter(now)) {
                        wantToRun.add(job.name());
                    }
                }
                case WAITING_FOR_RESOURCE -> wantToRun.add(job.name());
                default -> {
                }
            }
        }

        // definition order decides who gets a free resource group first
        ResourceLocks locks = ResourceLocks.heldIn(graph.jobs(), given, heldElsewhere);
        for (SchedulableJob job : graph.jobs()) {
            if (!wantToRun.contains(job.name())) {
                continue;
            }
            if (locks.tryTake(job)) {
                changes.put(job.name(), JobStatus.of(JobState.PENDING));
            } else if (given.get(job.name()).state() != JobState.WAITING_FOR_RESOURCE) {
                changes.put(job.name(), JobStatus.of(JobState.WAITING_FOR_RESOURCE));
            }
        }
        return decision(graph, given, changes);
    }

    /** How a created job starts, or nothing while its prerequisites are not through. */
    private static Optional<Start> startOf(SchedulableJob job, RunGraph graph, Map<String, JobStatus> statuses) {
        if (job.when() == When.NEVER) {
            return Optional.of(Start.SKIP);
        }
        PrerequisiteOutcome prerequisites = PrerequisiteOutcome.of(job, graph.prerequisitesOf(job), statuses);
        return prerequisites == PrerequisiteOutcome.WAITING ? Optional.empty() : Optional.of(Start.of(job.when(), prerequisites));
    }

    /** The changes as lists in definition order, with the phase the run is in once they apply. */
    private static SchedulingDecision decision(RunGraph graph, Map<String, JobStatus> given, Map<String, JobStatus> changes) {
        List<String> enqueue = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        List<String> holdManual = new ArrayList<>();
        List<DelayedStart> delay = new ArrayList<>();
        List<String> waitForResource = new ArrayList<>();
        Map<String, JobStatus> applied = new HashMap<>(given);
        for (SchedulableJob job : graph.jobs()) {
            JobStatus change = changes.get(job.name());
            if (change == null) {
                continue;
            }
            applied.put(job.name(), change);
            switch (change.state()) {
                case PENDING -> enqueue.add(job.name());
                case SKIPPED -> skip.add(job.name());
                case MANUAL -> holdManual.add(job.name());
                case SCHEDULED -> delay.add(new DelayedStart(job.name(), change.dueAt()));
                case WAITING_FOR_RESOURCE -> waitForResource.add(job.name());
                default -> throw new IllegalStateException("the scheduler does not move a job to " + change.state());
            }
        }
        return new SchedulingDecision(enqueue, skip, holdManual, delay, waitForResource, RunPhases.of(graph, applied));
    }
}
