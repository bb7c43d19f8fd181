package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler needs to know of a job.
 *
 * @param stageIndex    position of the job's stage in the pipeline's stages
 * @param needs         empty: the job follows stage order; present: it follows only these jobs
 *                      ({@code needs: []} starts at once)
 * @param startIn       the delay of a {@link When#DELAYED} job; ignored otherwise
 * @param allowFailure  {@code allow_failure: true}; for a manual job it also means the job does not
 *                      block later stages. The caller resolves GitLab's default (true for
 *                      {@code when: manual} outside rules).
 * @param resourceGroup null when the job is in no resource group
 */
public record SchedulableJob(
        String name,
        int stageIndex,
        Optional<List<Need>> needs,
        When when,
        Duration startIn,
        boolean allowFailure,
        String resourceGroup) {

    public SchedulableJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(when, "when");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a job has a name");
        }
        if (stageIndex < 0) {
            throw new IllegalArgumentException("job \"" + name + "\": stage index is negative");
        }
        needs = needs.map(List::copyOf);
        startIn = startIn == null ? Duration.ZERO : startIn;
        if (startIn.isNegative()) {
            throw new IllegalArgumentException("job \"" + name + "\": start_in is negative");
        }
        // dueAt = now + startIn must lie after now, or one call could not finish its own work
        if (when == When.DELAYED && startIn.isZero()) {
            throw new IllegalArgumentException("job \"" + name + "\": a delayed job needs a positive start_in");
        }
        if (resourceGroup != null && resourceGroup.isBlank()) {
            throw new IllegalArgumentException("job \"" + name + "\": resource group is blank");
        }
    }

    /** Whether the job follows its needs rather than stage order. */
    public boolean followsNeeds() {
        return needs.isPresent();
    }

    /** A manual job that holds back later stages until someone plays it. */
    public boolean isBlockingManual() {
        return when == When.MANUAL && !allowFailure;
    }
}
