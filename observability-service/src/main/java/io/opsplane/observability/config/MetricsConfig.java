package io.opsplane.observability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The metrics store (any store with Prometheus's HTTP API), the limits of queries, and scrape discovery. */
@ConfigMapping(prefix = "opsplane.metrics")
public interface MetricsConfig {

    /**
     * The base URL of the store's Prometheus HTTP API ({@code <url>/api/v1/query} ...): the local platform's
     * Prometheus, or VictoriaMetrics, Mimir, Thanos. The one setting that names the store.
     */
    @WithDefault("http://127.0.0.1:9490")
    String url();

    /** How long a query may run (also the most a caller may ask for); the store is told the same. */
    @WithDefault("30s")
    Duration queryTimeout();

    /** The most samples one answer may hold (series times points); a larger answer is refused. */
    @WithDefault("100000")
    int maxSamples();

    /** How long to wait for the store to accept a connection. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long the readiness check waits for the store to answer its probe query. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** How long the readiness check reuses the store's last answer, so probes do not hammer it. */
    @WithDefault("5s")
    Duration healthCacheFor();

    /**
     * Whether an unreachable store makes this service not ready. Off by default: the service still serves traces,
     * logs, the timeline and the alert manager without the store, so it stays ready and reports the store down.
     */
    @WithDefault("false")
    boolean requiredForReadiness();

    Discovery discovery();

    /** Prometheus HTTP service discovery of the platform's own components. */
    interface Discovery {

        /** The file holding the bearer token the store presents; without one, discovery answers nobody. */
        Optional<String> tokenFile();

        /** The host of every target, or a template with {component} (one host per component). */
        @WithDefault("127.0.0.1")
        String host();

        /** Added to every port of platform.manifest (the launcher's OPSPLANE_PORT_OFFSET). */
        @WithDefault("0")
        int portOffset();

        /** How many job runners the platform runs. */
        @WithDefault("2")
        int runners();

        /** The HTTP port of the first runner, before the offset. */
        @WithDefault("8090")
        int runnerHttpPort();
    }
}
