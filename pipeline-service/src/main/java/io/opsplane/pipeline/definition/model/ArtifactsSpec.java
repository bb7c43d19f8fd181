package io.opsplane.pipeline.definition.model;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code artifacts:}; {@code when} is on_success (default), on_failure or always; {@code expireIn} empty: the
 * instance's default, {@link #NEVER_EXPIRES}: kept for ever.
 */
public record ArtifactsSpec(String name, List<String> paths, List<String> exclude, boolean untracked, When when,
        Optional<Duration> expireIn) {

    /** {@code expire_in: never}. */
    public static final Duration NEVER_EXPIRES = ChronoUnit.FOREVER.getDuration();

    public boolean neverExpires() {
        return expireIn.filter(NEVER_EXPIRES::equals).isPresent();
    }
}
