package io.opsplane.security.approval;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The deployment actions a protected environment gates, named by the permission each needs. */
public enum DeployAction {

    CREATE("deployments:create"),
    PROMOTE("deployments:promote");

    private final String permission;

    DeployAction(String permission) {
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }

    /** The action whose permission is {@code permission}; IllegalArgumentException naming the choices. */
    public static DeployAction ofPermission(String permission) {
        for (DeployAction action : values()) {
            if (action.permission.equals(permission)) {
                return action;
            }
        }
        throw new IllegalArgumentException("action must be one of " + Arrays.stream(values())
                .map(DeployAction::permission).collect(Collectors.joining(", ")) + ", not '" + permission + "'");
    }
}
