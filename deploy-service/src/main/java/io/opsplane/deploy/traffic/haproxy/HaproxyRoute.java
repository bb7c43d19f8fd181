package io.opsplane.deploy.traffic.haproxy;

import io.opsplane.deploy.traffic.HaproxyNames;
import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * One environment's entry point: a frontend listening on {@code 127.0.0.1:port} and the backend of
 * the same name whose servers (the instances of every track) are added and weighted at run time,
 * each checked with {@code GET healthPath}.
 */
public record HaproxyRoute(String name, int port, String healthPath) {

    public static final String DEFAULT_HEALTH_PATH = "/healthz";
    /** Written into the configuration file: no spaces, quotes, '#' or anything else HAProxy's parser treats specially. */
    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9/_.~-]{0,127}");

    public HaproxyRoute {
        HaproxyNames.name("route.name", name);
        HaproxyNames.port("route.port", port);
        if (healthPath == null || !HEALTH_PATH.matcher(healthPath).matches()) {
            throw new InvalidFieldException("route.healthPath", "must match " + HEALTH_PATH.pattern() + ", was '" + healthPath + "'");
        }
    }

    public HaproxyRoute(String name, int port) {
        this(name, port, DEFAULT_HEALTH_PATH);
    }
}
