package io.opsplane.security.approval;

import java.util.regex.Pattern;

/**
 * What a deployment does where: an action on a resource in one environment, e.g.
 * {@code deployments:create} of {@code application:web} to {@code prod}. An approval covers exactly one.
 */
public record DeploymentTarget(String environment, DeployAction action, String resource) {

    private static final Pattern RESOURCE = Pattern.compile("^[a-z][a-z-]{0,31}:[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$");

    public DeploymentTarget {
        EnvironmentNames.requireName(environment);
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
        if (resource == null || !RESOURCE.matcher(resource).matches()) {
            throw new IllegalArgumentException("resource must be '<kind>:<name>', e.g. 'application:web'");
        }
    }

    @Override
    public String toString() {
        return action.permission() + " of " + resource + " to " + environment;
    }
}
