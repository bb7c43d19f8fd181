package io.opsplane.pipeline.scheduling;

import java.util.Objects;

/**
 * One entry of a job's {@code needs:}. Optional needs on absent jobs are dropped before scheduling,
 * so a need always names a job of the run. {@code artifacts} does not change the order; it is kept
 * for whoever hands artifacts over.
 */
public record Need(String job, boolean artifacts) {

    public Need {
        Objects.requireNonNull(job, "job");
        if (job.isBlank()) {
            throw new IllegalArgumentException("a need names a job");
        }
    }

    /** A need with artifacts, GitLab's default. */
    public static Need of(String job) {
        return new Need(job, true);
    }
}
