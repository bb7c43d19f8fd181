package io.opsplane.pipeline.scheduling;

import java.util.Objects;

/** One reason a pipeline's jobs cannot be scheduled, worded for the person who wrote them. */
public record DagProblem(Kind kind, String message) {

    public enum Kind {
        DUPLICATE_JOB,
        UNKNOWN_NEED,
        NEED_ON_LATER_STAGE,
        CYCLE
    }

    public DagProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
