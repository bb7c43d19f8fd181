package io.opsplane.pipeline.definition.model;

/** GitLab's {@code when:} values. */
public enum When {
    ON_SUCCESS, ON_FAILURE, ALWAYS, MANUAL, DELAYED, NEVER;

    /** The YAML spelling, e.g. {@code on_success}. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
