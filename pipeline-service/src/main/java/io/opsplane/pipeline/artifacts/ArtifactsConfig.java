package io.opsplane.pipeline.artifacts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where job artifacts are kept, how large they may be, and for how long. */
@ConfigMapping(prefix = "opsplane.pipeline.artifacts")
public interface ArtifactsConfig {

    /** The store's directory; default {@code <opsplane.home or java.io.tmpdir>/artifacts}. */
    Optional<String> dir();

    /** The largest archive one job may upload (default 100 MiB). */
    @WithDefault("104857600")
    long maxBytes();

    /** How long artifacts are kept when the job says no {@code expire_in} (default 30 days). */
    @WithDefault("720h")
    Duration defaultExpireIn();

    /** How often expired artifacts are removed. */
    @WithDefault("10m")
    Duration sweepInterval();
}
