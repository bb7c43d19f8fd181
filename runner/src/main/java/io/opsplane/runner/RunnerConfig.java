package io.opsplane.runner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A runner's settings (OPSPLANE_RUNNER_* environment variables). */
@ConfigMapping(prefix = "opsplane.runner")
public interface RunnerConfig {

    /** Unique among runners; registering again under the same name takes the old record over. */
    String name();

    /** Jobs with tags go only to runners that have all of them. */
    Optional<List<String>> tags();

    /** Whether jobs without tags come here too. */
    @WithDefault("true")
    boolean runUntagged();

    /** sandbox (bubblewrap), shell (PID namespace), or auto: sandbox where available. */
    @WithDefault("auto")
    String executor();

    /** How many jobs run at once. */
    @WithDefault("1")
    int concurrency();

    /** Where job workspaces are made; each job gets a folder of its own, removed afterwards. */
    String buildsDir();

    /** The runner's token: a component token or one with the runner role. */
    Optional<String> token();

    Optional<String> tokenFile();

    /** How long one AcquireJob waits for work. */
    @WithDefault("30s")
    Duration acquireWait();

    /** Between SIGTERM and SIGKILL when a job is canceled or times out. */
    @WithDefault("10s")
    Duration gracePeriod();

    /** How often buffered log bytes are sent. */
    @WithDefault("100ms")
    Duration logFlushInterval();

    /** Per-job memory limit in bytes (address space); 0: none. */
    @WithDefault("0")
    long memoryLimitBytes();

    /** Per-job CPU time limit in seconds; 0: none. */
    @WithDefault("0")
    long cpuLimitSeconds();
}
