package io.opsplane.pipeline.scheduling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes one scheduling call asks for, each list in definition order, and the run's phase once
 * they are applied.
 *
 * @param enqueue         to PENDING: hand them to a runner
 * @param skip            to SKIPPED
 * @param holdManual      to MANUAL: wait for a person
 * @param delay           to SCHEDULED with their due time
 * @param waitForResource to WAITING_FOR_RESOURCE: their resource group is busy
 */
public record SchedulingDecision(
        List<String> enqueue,
        List<String> skip,
        List<String> holdManual,
        List<DelayedStart> delay,
        List<String> waitForResource,
        RunPhase phase) {

    public SchedulingDecision {
        enqueue = List.copyOf(enqueue);
        skip = List.copyOf(skip);
        holdManual = List.copyOf(holdManual);
        delay = List.copyOf(delay);
        waitForResource = List.copyOf(waitForResource);
        Objects.requireNonNull(phase, "phase");
    }

    /** Nothing to change. */
    public boolean isEmpty() {
        return enqueue.isEmpty() && skip.isEmpty() && holdManual.isEmpty() && delay.isEmpty() && waitForResource.isEmpty();
    }

    /** A new map: {@code states} with this decision's changes. */
    public Map<String, JobStatus> applyTo(Map<String, JobStatus> states) {
        Map<String, JobStatus> applied = new HashMap<>(states);
        enqueue.forEach(job -> applied.put(job, JobStatus.of(JobState.PENDING)));
        skip.forEach(job -> applied.put(job, JobStatus.of(JobState.SKIPPED)));
        holdManual.forEach(job -> applied.put(job, JobStatus.of(JobState.MANUAL)));
        delay.forEach(start -> applied.put(start.job(), JobStatus.scheduledAt(start.dueAt())));
        waitForResource.forEach(job -> applied.put(job, JobStatus.of(JobState.WAITING_FOR_RESOURCE)));
        return applied;
    }
}
