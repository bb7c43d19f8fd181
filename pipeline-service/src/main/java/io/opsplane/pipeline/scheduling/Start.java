package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

/** What a ready job does, from its {@code when:} and how its prerequisites ended (GitLab's rules). */
enum Start {
    RUN,
    SKIP,
    HOLD_MANUAL,
    DELAY;

    static Start of(When when, PrerequisiteOutcome prerequisites) {
        if (when == When.NEVER) {
            return SKIP;
        }
        return switch (prerequisites) {
            case WAITING -> throw new IllegalArgumentException("a job whose prerequisites are running does not start");
            case SUCCEEDED -> switch (when) {
                case ON_SUCCESS, ALWAYS -> RUN;
                case MANUAL -> HOLD_MANUAL;
                case DELAYED -> DELAY;
                case ON_FAILURE, NEVER -> SKIP;
            };
            case FAILED -> when == When.ON_FAILURE || when == When.ALWAYS ? RUN : SKIP;
            case SKIPPED -> when == When.ALWAYS ? RUN : SKIP;
        };
    }
}
