package io.opsplane.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * An Alertmanager of the test run's own (the Debian package {@code prometheus-alertmanager}, 0.25 on Debian 12), on a
 * free loopback port with its configuration and its state in a temporary folder, without clustering (no gossip
 * port): the reference that Opsplane's alert manager is compared with.
 */
public final class PeerAlertmanager implements AutoCloseable {

    public static final String BINARY = System.getenv().getOrDefault("OPSPLANE_ALERTMANAGER_BIN",
            "prometheus-alertmanager");

    private final LocalServer server;

    private PeerAlertmanager(LocalServer server) {
        this.server = server;
    }

    /**
     * Starts one and waits until it is ready.
     *
     * @param config the content of {@code alertmanager.yml}
     * @param flags more command-line flags, such as {@code --web.external-url=...}
     */
    public static PeerAlertmanager start(String config, List<String> flags) {
        LocalServer.Place place = LocalServer.place("opsplane-peer-alertmanager");
        LocalServer.write(place.folder().resolve("alertmanager.yml"), config);
        List<String> command = new ArrayList<>(List.of(BINARY,
                "--web.listen-address=127.0.0.1:" + place.port(),
                "--cluster.listen-address=",
                "--config.file=" + place.folder().resolve("alertmanager.yml"),
                "--storage.path=" + place.folder().resolve("data"),
                "--web.route-prefix=/",
                "--log.level=warn"));
        command.addAll(flags);
        return new PeerAlertmanager(LocalServer.start("Alertmanager", place, command, "/-/ready",
                "install the Debian package 'prometheus-alertmanager' (apt-get install -y prometheus-alertmanager), "
                        + "or set OPSPLANE_ALERTMANAGER_BIN"));
    }

    /** The base URL of its HTTP API, such as {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.url();
    }

    /** Its {@code host:port}, as Prometheus's {@code alertmanagers} configuration names it. */
    public String address() {
        return server.url().substring("http://".length());
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
