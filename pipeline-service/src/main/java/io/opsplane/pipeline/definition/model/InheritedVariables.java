package io.opsplane.pipeline.definition.model;

import java.util.Set;

/**
 * Which global variables (the definition's and those {@code workflow:rules} set) a job receives, after its
 * {@code inherit: variables:} (all by default, none with {@code false}, or the names listed).
 */
public record InheritedVariables(boolean all, Set<String> names) {

    public static final InheritedVariables ALL = new InheritedVariables(true, Set.of());
    public static final InheritedVariables NONE = new InheritedVariables(false, Set.of());

    public InheritedVariables {
        names = Set.copyOf(names);
    }

    public boolean inherits(String name) {
        return all || names.contains(name);
    }
}
