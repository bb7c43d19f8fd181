package io.opsplane.deploy.traffic.haproxy;

import io.opsplane.deploy.traffic.HaproxyNames;

/**
 * One environment's entry point: a frontend listening on {@code 127.0.0.1:port} and the backend of
 * the same name whose servers (the instances of every track) are added and weighted at run time.
 */
public record HaproxyRoute(String name, int port) {

    public HaproxyRoute {
        HaproxyNames.name("route.name", name);
        HaproxyNames.port("route.port", port);
    }
}
