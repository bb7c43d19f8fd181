package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import java.util.List;
import java.util.Map;

/**
 * A run's phase from its jobs' states, as GitLab derives a pipeline's status.
 *
 * <ul>
 *   <li>CREATED while no job has left CREATED.</li>
 *   <li>While work can go on (a job pending, waiting for a resource, scheduled or running, or a
 *       created job whose prerequisites are through): RUNNING once any job has started (running or
 *       finished other than skipped), PENDING before.</li>
 *   <li>When only manual jobs can move things: MANUAL if a blocking manual job waits, or a job
 *       waits on a manual job it needs.</li>
 *   <li>Otherwise finished: FAILED if a job failed without an allowed failure, else CANCELED if one
 *       was canceled, else SKIPPED if every job was skipped, else SUCCESS. Manual jobs that nobody
 *       played and nobody waits for count as skipped.</li>
 * </ul>
 */
public final class RunPhases {

    private RunPhases() {
    }

    /** @param states each job's status; a job missing from the map is CREATED */
    public static RunPhase of(List<SchedulableJob> jobs, Map<String, JobStatus> states) {
        RunGraph graph = RunGraph.of(jobs);
        return of(graph, graph.statusesFrom(states));
    }

    static RunPhase of(RunGraph graph, Map<String, JobStatus> statuses) {
        boolean allCreated = true;
        boolean started = false;
        boolean moving = false;
        boolean waitingForPerson = false;
        boolean failed = false;
        boolean canceled = false;
        boolean allSkipped = true;
        for (SchedulableJob job : graph.jobs()) {
            JobStatus status = statuses.get(job.name());
            JobState state = status.state();
            allCreated &= state == JobState.CREATED;
            started |= state == JobState.RUNNING || (state.isFinished() && state != JobState.SKIPPED);
            failed |= state == JobState.FAILED && !status.failureAllowed();
            canceled |= state == JobState.CANCELED;
            allSkipped &= state == JobState.SKIPPED || (state == JobState.MANUAL && !job.isBlockingManual());
            switch (state) {
                case PENDING, RUNNING, WAITING_FOR_RESOURCE, SCHEDULED -> moving = true;
                case MANUAL -> waitingForPerson |= job.isBlockingManual();
                case CREATED -> {
                    if (canStart(graph, job, statuses)) {
                        moving = true;
                    } else {
                        // with nothing moving, a created job that cannot start waits on a manual job
                        waitingForPerson = true;
                    }
                }
                default -> {
                }
            }
        }
        if (graph.jobs().isEmpty()) {
            return RunPhase.SKIPPED;
        }
        if (allCreated) {
            return RunPhase.CREATED;
        }
        if (moving) {
            return started ? RunPhase.RUNNING : RunPhase.PENDING;
        }
        if (waitingForPerson) {
            return RunPhase.MANUAL;
        }
        if (failed) {
            return RunPhase.FAILED;
        }
        if (canceled) {
            return RunPhase.CANCELED;
        }
        return allSkipped ? RunPhase.SKIPPED : RunPhase.SUCCESS;
    }

    private static boolean canStart(RunGraph graph, SchedulableJob job, Map<String, JobStatus> statuses) {
        return job.when() == When.NEVER
                || PrerequisiteOutcome.of(job, graph.prerequisitesOf(job), statuses) != PrerequisiteOutcome.WAITING;
    }
}
