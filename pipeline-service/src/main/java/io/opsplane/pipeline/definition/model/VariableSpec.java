package io.opsplane.pipeline.definition.model;

import java.util.List;

/**
 * A variable's value, and the description a manual-run form shows (GitLab's {@code variables: X: {value,
 * description}}); {@code options} lists the values such a form offers; {@code expand} false keeps {@code $} in the
 * value literal.
 */
public record VariableSpec(String value, String description, List<String> options, boolean expand) {

    public VariableSpec {
        options = List.copyOf(options);
    }

    public VariableSpec(String value, String description) {
        this(value, description, List.of(), true);
    }

    public static VariableSpec of(String value) {
        return new VariableSpec(value, "");
    }
}
