package io.opsplane.pipeline.definition.gitlab;

/** A job name written in a job (in {@code dependencies}), with where it was written. */
record JobRef(String name, Position position) {
}
