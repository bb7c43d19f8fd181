package io.opsplane.pipeline.definition.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code artifacts:}; {@code when} is on_success (default), on_failure or always. */
public record ArtifactsSpec(String name, List<String> paths, List<String> exclude, boolean untracked, When when,
        Optional<Duration> expireIn) {
}
