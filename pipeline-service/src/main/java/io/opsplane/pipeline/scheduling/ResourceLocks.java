package io.opsplane.pipeline.scheduling;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource groups taken: a group lets one job at a time be PENDING or RUNNING, in this run and in the other runs of
 * the same pipeline (whose holders the caller names).
 */
final class ResourceLocks {

    private final Set<String> taken = new HashSet<>();

    static ResourceLocks heldIn(List<SchedulableJob> jobs, Map<String, JobStatus> statuses, Set<String> heldElsewhere) {
        ResourceLocks locks = new ResourceLocks();
        locks.taken.addAll(heldElsewhere);
        for (SchedulableJob job : jobs) {
            if (job.resourceGroup() != null && statuses.get(job.name()).state().holdsResource()) {
                locks.taken.add(job.resourceGroup());
            }
        }
        return locks;
    }

    /** Takes the job's group if it is free; a job in no group always may go. */
    boolean tryTake(SchedulableJob job) {
        return job.resourceGroup() == null || taken.add(job.resourceGroup());
    }
}
