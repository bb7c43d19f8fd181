package io.opsplane.pipeline.definition.model;

/** GitLab's {@code when:} of a job: under which outcome of its prerequisites it starts, and how. */
public enum When {
    /** Runs when no prerequisite failed (the default). */
    ON_SUCCESS,
    /** Runs only when a prerequisite failed. */
    ON_FAILURE,
    /** Runs whatever the prerequisites' outcome. */
    ALWAYS,
    /** Waits for a person to play it, when no prerequisite failed. */
    MANUAL,
    /** Starts {@code start_in} after it became ready, when no prerequisite failed. */
    DELAYED,
    /** Never runs; usually removed before scheduling, skipped at once if not. */
    NEVER;

    /** The YAML spelling, e.g. {@code on_success}. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
