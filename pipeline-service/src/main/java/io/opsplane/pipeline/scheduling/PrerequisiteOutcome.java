package io.opsplane.pipeline.scheduling;

import java.util.List;
import java.util.Map;

/** Where a job's prerequisites stand: still going, or how they ended. */
enum PrerequisiteOutcome {
    /** Some prerequisite has not finished. */
    WAITING,
    /** None failed (skipped ones count as success under stage order). */
    SUCCEEDED,
    /** One failed without an allowed failure, or was canceled. */
    FAILED,
    /** Under needs only: none failed, but a needed job was skipped, so it never ran. */
    SKIPPED;

    static PrerequisiteOutcome of(SchedulableJob job, List<SchedulableJob> prerequisites, Map<String, JobStatus> statuses) {
        boolean failed = false;
        boolean skipped = false;
        for (SchedulableJob prerequisite : prerequisites) {
            JobStatus status = statuses.get(prerequisite.name());
            if (!status.state().isFinished()) {
                // GitLab: a manual job with allow_failure does not hold later stages; a needed one still keeps its dependents waiting
                boolean nonBlockingManual = status.state() == JobState.MANUAL && prerequisite.allowFailure();
                if (job.followsNeeds() || !nonBlockingManual) {
                    return WAITING;
                }
                continue;
            }
            failed |= status.isBlockingFailure();
            skipped |= status.state() == JobState.SKIPPED;
        }
        if (failed) {
            // a failure wins over a skip, so an on_failure job needing both a failed and a skipped job runs
            return FAILED;
        }
        return job.followsNeeds() && skipped ? SKIPPED : SUCCEEDED;
    }
}
