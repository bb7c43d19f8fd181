package io.opsplane.platform.access;

import java.util.Set;
import java.util.regex.Pattern;

/** A named set of permissions. Built-in roles ship with the platform; custom roles are stored. */
public record Role(String name, String description, Set<String> permissions, boolean builtIn) {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}(:[a-z][a-z0-9-]{0,62})?$");

    public Role {
        permissions = Set.copyOf(permissions);
    }

    /** A custom role, checked: a lowercase name and permissions of the catalogue. */
    public static Role custom(String name, String description, Set<String> permissions) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("service")) {
            throw new IllegalArgumentException("role name must be 1 to 63 lowercase letters, digits or '-', starting "
                    + "with a letter (names starting with 'service' are reserved)");
        }
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("a role needs at least one permission");
        }
        for (String permission : permissions) {
            if (!PermissionCatalog.isKnown(permission)) {
                throw new IllegalArgumentException("unknown permission '" + permission + "'");
            }
        }
        String text = description == null ? "" : description.strip();
        if (text.length() > 500) {
            throw new IllegalArgumentException("description must be at most 500 characters");
        }
        return new Role(name, text, permissions, false);
    }
}
