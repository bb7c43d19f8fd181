package io.opsplane.deploy.traffic;

/** What one server of a backend should look like at HAProxy. */
public record DesiredServer(String name, String ipv4, int port, int weight, ServerState state) {
}
