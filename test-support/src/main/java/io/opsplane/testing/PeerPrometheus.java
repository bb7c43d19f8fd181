package io.opsplane.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus server of the test run's own (the Debian package {@code prometheus}, 2.42 on Debian 12), on a free
 * loopback port with its configuration, rule files and data in a temporary folder: the reference that Opsplane's own
 * engines are compared with, or a metrics store of the test's own. Rule files are written next to the configuration,
 * so {@code rule_files} names them by their file name.
 */
public final class PeerPrometheus implements AutoCloseable {

    public static final String BINARY = System.getenv().getOrDefault("OPSPLANE_PROMETHEUS_BIN", "prometheus");

    private final LocalServer server;

    private PeerPrometheus(LocalServer server) {
        this.server = server;
    }

    /**
     * Starts one and waits until it is ready.
     *
     * @param config the content of {@code prometheus.yml}
     * @param files more files for the configuration folder by name (rule files), may be empty
     * @param flags more command-line flags, such as {@code --web.external-url=...} or
     *     {@code --web.enable-remote-write-receiver}
     */
    public static PeerPrometheus start(String config, Map<String, String> files, List<String> flags) {
        LocalServer.Place place = LocalServer.place("opsplane-peer-prometheus");
        LocalServer.write(place.folder().resolve("prometheus.yml"), config);
        files.forEach((name, content) -> LocalServer.write(place.folder().resolve(name), content));
        List<String> command = new ArrayList<>(List.of(BINARY,
                "--web.listen-address=127.0.0.1:" + place.port(),
                "--config.file=" + place.folder().resolve("prometheus.yml"),
                "--storage.tsdb.path=" + place.folder().resolve("data"),
                // The external URL's path would otherwise become the route prefix of the API.
                "--web.route-prefix=/",
                "--log.level=warn"));
        command.addAll(flags);
        return new PeerPrometheus(LocalServer.start("Prometheus", place, command, "/-/ready",
                "install the Debian package 'prometheus' (apt-get install -y prometheus), or set "
                        + "OPSPLANE_PROMETHEUS_BIN"));
    }

    /** A metrics store of the test's own: no scrape targets, samples taken by remote write. */
    public static PeerPrometheus store() {
        return start("global:\n  scrape_interval: 1m\n", Map.of(), List.of("--web.enable-remote-write-receiver"));
    }

    /** The base URL of its HTTP API, such as {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.url();
    }

    /** The last lines of its log, for a failure message. */
    public String logTail() {
        return server.logTail();
    }

    @Override
    public void close() {
        server.close();
    }
}
