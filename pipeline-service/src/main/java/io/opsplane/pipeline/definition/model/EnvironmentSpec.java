package io.opsplane.pipeline.definition.model;

/** {@code environment:} recorded on the run and in events so deployments can link back; action start by default. */
public record EnvironmentSpec(String name, String url, String action) {
}
