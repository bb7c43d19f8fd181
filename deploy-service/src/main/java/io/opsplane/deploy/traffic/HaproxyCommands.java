package io.opsplane.deploy.traffic;

/** Admin-socket commands in the form HAProxy 2.6 accepts, with every word validated. */
public final class HaproxyCommands {

    public static final int MAX_WEIGHT = 256;

    private HaproxyCommands() {
    }

    public static String setWeight(String backend, String server, int weight) {
        return "set server " + target(backend, server) + " weight " + HaproxyNames.weight("weight", weight);
    }

    public static String setState(String backend, String server, ServerState state) {
        return "set server " + target(backend, server) + " state " + state.keyword();
    }

    /**
     * Health checks every second: two failures take a server out of the rotation (a crashed instance
     * gets no request after about 2 s), two successes bring it back. A new server starts as up.
     */
    public static final String HEALTH_CHECK = "check inter 1s fall 2 rise 2";

    /**
     * HAProxy creates a dynamic server in maintenance with its health checks off; {@link #enableHealth}
     * and a {@link #setState} to ready bring it in.
     */
    public static String addServer(String backend, String server, String ipv4, int port, int weight) {
        return "add server " + target(backend, server) + " " + HaproxyNames.ipv4("address", ipv4) + ":"
                + HaproxyNames.port("port", port) + " weight " + HaproxyNames.weight("weight", weight) + " " + HEALTH_CHECK;
    }

    public static String enableHealth(String backend, String server) {
        return "enable health " + target(backend, server);
    }

    /** HAProxy refuses this unless the server is in maintenance and has no connections left. */
    public static String deleteServer(String backend, String server) {
        return "del server " + target(backend, server);
    }

    private static String target(String backend, String server) {
        return HaproxyNames.name("backend", backend) + "/" + HaproxyNames.name("server", server);
    }
}
