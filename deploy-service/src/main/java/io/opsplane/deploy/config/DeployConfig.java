package io.opsplane.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where deploy-service keeps its runtime state, where artifacts come from, and how often it looks again. */
@ConfigMapping(prefix = "opsplane.deploy")
public interface DeployConfig {

    /** Application artifact folders lie below this folder; default {@code <opsplane.home or tmp>/deploy-artifacts}. */
    Optional<String> artifactRoot();

    /** HAProxy's configuration and socket, and the instances' logs; default {@code <opsplane.home or tmp>/deploy}. */
    Optional<String> stateDir();

    /** The haproxy binary; default: found on PATH or in the sbin folders. */
    Optional<String> haproxyBin();

    /** Whether the rollout controller runs (tests of the API alone may turn it off). */
    @WithDefault("true")
    boolean controllerEnabled();

    /** How often every active rollout, instance and router split is looked at again without a reason. */
    @WithDefault("1s")
    Duration tick();

    /** How long a new instance may take to answer its health check. */
    @WithDefault("60s")
    Duration instanceReadyTimeout();

    /** How long a stopped instance may take to end after SIGTERM. */
    @WithDefault("10s")
    Duration instanceStopGrace();
}
