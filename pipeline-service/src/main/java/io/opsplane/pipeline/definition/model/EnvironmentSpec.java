package io.opsplane.pipeline.definition.model;

/**
 * {@code environment:} recorded on the run and in events so deployments can link back; action start by default.
 *
 * @param deploymentTier production, staging, testing, development or other; empty when not written
 * @param onStop         the job that stops this environment; empty when none
 * @param autoStopIn     a GitLab duration such as {@code 2 weeks}, or {@code never}; empty when not written
 */
public record EnvironmentSpec(String name, String url, String action, String deploymentTier, String onStop,
        String autoStopIn) {

    public EnvironmentSpec(String name, String url, String action) {
        this(name, url, action, "", "", "");
    }
}
