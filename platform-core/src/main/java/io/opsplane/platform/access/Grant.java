package io.opsplane.platform.access;

import java.util.Set;

/**
 * One role held at one scope, with the role's permissions resolved.
 *
 * @param via where it comes from: {@code binding:<id>}, {@code token} or {@code claim:<value>}
 */
public record Grant(String role, Scope scope, Set<String> permissions, String via) {

    public Grant {
        permissions = Set.copyOf(permissions);
    }

    @Override
    public String toString() {
        return "role '" + role + "' at " + scope + " (" + via + ")";
    }
}
