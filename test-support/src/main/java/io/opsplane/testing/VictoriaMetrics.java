package io.opsplane.testing;

import java.util.List;

/**
 * A VictoriaMetrics single-node server of the test run's own (the Debian package {@code victoria-metrics}), on a free
 * loopback port with a temporary data folder: the second metrics store the metrics tests run against, so the store
 * stays one setting away from any Prometheus-API-compatible backend. {@code -search.latencyOffset=1s}, or samples
 * younger than 30 s stay invisible to queries.
 */
public final class VictoriaMetrics implements AutoCloseable {

    public static final String BINARY = System.getenv().getOrDefault("OPSPLANE_VICTORIA_METRICS_BIN",
            "victoria-metrics");

    private final LocalServer server;

    private VictoriaMetrics(LocalServer server) {
        this.server = server;
    }

    /** Starts one and waits until it answers; fails naming the package when the binary is missing. */
    public static VictoriaMetrics start() {
        LocalServer.Place place = LocalServer.place("opsplane-victoria-metrics");
        return new VictoriaMetrics(LocalServer.start("VictoriaMetrics", place, List.of(BINARY,
                "-httpListenAddr=127.0.0.1:" + place.port(), "-storageDataPath=" + place.folder().resolve("data"),
                "-retentionPeriod=1d", "-search.latencyOffset=1s", "-loggerLevel=ERROR"), "/health",
                "install the Debian package 'victoria-metrics' (apt-get install -y victoria-metrics), or set "
                        + "OPSPLANE_VICTORIA_METRICS_BIN"));
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
