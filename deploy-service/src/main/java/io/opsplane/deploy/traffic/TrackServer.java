package io.opsplane.deploy.traffic;

/** An instance of a track as a server of the environment's backend. */
public record TrackServer(String name, String ipv4, int port, boolean healthy) {

    public TrackServer {
        HaproxyNames.name("server", name);
        HaproxyNames.ipv4("address", ipv4);
        HaproxyNames.port("port", port);
    }
}
