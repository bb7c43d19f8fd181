package io.opsplane.pipeline.runs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a runner holds a job without a heartbeat, and how much log a job may write. */
@ConfigMapping(prefix = "opsplane.pipeline.runners")
public interface RunnerLease {

    /** A job whose runner went silent this long fails with runner_system_failure (and may be retried). */
    @WithDefault("30s")
    Duration lease();

    /** The longest AcquireJob waits for a job. */
    @WithDefault("30s")
    Duration maxWait();

    /** A job's log is cut here, with a marker. */
    @WithDefault("16777216")
    long maxLogBytes();

    /** How often expired leases, due delayed jobs and freed resource groups are looked for. */
    @WithDefault("2s")
    Duration sweepInterval();
}
