package io.opsplane.pipeline.definition.model;

/** One entry of {@code needs:}; {@code optional} needs on absent jobs are dropped when a run is planned. */
public record NeedSpec(String job, boolean artifacts, boolean optional) {
}
