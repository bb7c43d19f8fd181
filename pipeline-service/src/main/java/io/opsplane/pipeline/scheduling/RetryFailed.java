package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "Retry the failed jobs" of a run: which jobs go back to CREATED so the scheduler takes them again. */
public final class RetryFailed {

    private RetryFailed() {
    }

    /**
     * The FAILED and CANCELED jobs (allowed failures too, as GitLab's retry button does), and every
     * SKIPPED job behind one of them, transitively; {@code when: never} jobs stay skipped. Other jobs
     * keep their state; the scheduler decides afresh for the ones sent back.
     *
     * @return job names in definition order
     */
    public static List<String> plan(List<SchedulableJob> jobs, Map<String, JobStatus> states) {
        RunGraph graph = RunGraph.of(jobs);
        Map<String, JobStatus> statuses = graph.statusesFrom(states);
        Set<String> retried = new HashSet<>();
        // processing order puts prerequisites first, so one pass carries the reset downstream
        for (SchedulableJob job : graph.processingOrder()) {
            JobState state = statuses.get(job.name()).state();
            boolean failed = state == JobState.FAILED || state == JobState.CANCELED;
            boolean skippedBehindRetried = state == JobState.SKIPPED
                    && job.when() != When.NEVER
                    && graph.prerequisitesOf(job).stream().anyMatch(prerequisite -> retried.contains(prerequisite.name()));
            if (failed || skippedBehindRetried) {
                retried.add(job.name());
            }
        }
        return graph.jobs().stream().map(SchedulableJob::name).filter(retried::contains).toList();
    }
}
