package io.opsplane.pipeline.definition.model;

/** A variable's value, and the description a manual-run form shows (GitLab's {@code variables: X: {value, description}}). */
public record VariableSpec(String value, String description) {

    public static VariableSpec of(String value) {
        return new VariableSpec(value, "");
    }
}
