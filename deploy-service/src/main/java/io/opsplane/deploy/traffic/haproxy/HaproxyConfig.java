package io.opsplane.deploy.traffic.haproxy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration file of an HAProxy that Opsplane runs itself. Backends start without servers:
 * servers are added, weighted, drained and removed through the runtime API ({@code add server},
 * {@code set server}, {@code del server}), so a rollout never reloads HAProxy. Those changes live
 * only in the running process; the owner of the desired weights re-applies them after a restart.
 */
public final class HaproxyConfig {

    private HaproxyConfig() {
    }

    public static String render(Path adminSocket, List<HaproxyRoute> routes) {
        String socket = adminSocket.toAbsolutePath().toString();
        if (socket.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c == '#')) {
            throw new IllegalArgumentException("the admin socket path must not hold spaces, quotes, '#' or control characters: " + socket);
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (HaproxyRoute route : routes) {
            if (!names.add(route.name()) || !ports.add(route.port())) {
                throw new IllegalArgumentException("two routes share the name or port of " + route);
            }
        }
        StringBuilder config = new StringBuilder()
                .append("global\n")
                // level admin: the socket may change servers; mode 600: only this user may use it.
                .append("    stats socket ").append(socket).append(" mode 600 level admin\n")
                .append("\n")
                .append("defaults\n")
                .append("    mode http\n")
                .append("    timeout connect 5s\n")
                .append("    timeout client 60s\n")
                .append("    timeout server 60s\n")
                // A server that went away between weight changes costs a retry on another one, not an error.
                .append("    retries 2\n")
                .append("    option redispatch\n");
        for (HaproxyRoute route : routes) {
            config.append("\n")
                    .append("frontend ").append(route.name()).append("\n")
                    .append("    bind 127.0.0.1:").append(route.port()).append("\n")
                    .append("    default_backend ").append(route.name()).append("\n")
                    .append("\n")
                    .append("backend ").append(route.name()).append("\n")
                    // roundrobin is a dynamic algorithm: weights change and servers come and go at run time.
                    .append("    balance roundrobin\n")
                    .append("    option httpchk GET ").append(route.healthPath()).append("\n");
        }
        return config.toString();
    }
}
