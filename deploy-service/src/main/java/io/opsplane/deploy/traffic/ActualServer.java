package io.opsplane.deploy.traffic;

/** A server as HAProxy reports it; {@code running} is its health-check view (operational state). */
public record ActualServer(String backend, String name, String ipv4, int port, int weight, ServerState state,
        boolean running) {
}
