package io.opsplane.observability.alerting.routing;

import io.opsplane.observability.alerting.matcher.Matchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of the routing tree. {@link #match} walks it as Alertmanager does: depth first, a child that matches
 * stops its later siblings unless it has {@code continue: true}, and a route none of whose children match takes
 * the alert itself.
 *
 * @param key the chain of matchers from the root, joined by {@code /} (Alertmanager's route key, part of a group
 *            key), such as {@code {}/{service="db"}}
 * @param path where the route is written in the configuration, such as {@code route.routes[1]}
 */
public record Route(String key, String path, Matchers matchers, boolean continueMatching, RouteOptions options,
        List<Route> routes) {

    public Route {
        routes = List.copyOf(routes);
    }

    /** The routes that take an alert with {@code labels}, in order; empty when this route does not match. */
    public List<Route> match(Map<String, String> labels) {
        if (!matchers.matches(labels)) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : routes) {
            List<Route> matched = child.match(labels);
            all.addAll(matched);
            if (!matched.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** The labels an alert is grouped by on this route: all of them for {@code ...}, else those it has. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        if (options.groupByAll()) {
            return new TreeMap<>(labels);
        }
        Map<String, String> group = new TreeMap<>();
        for (String name : options.groupBy()) {
            String value = labels.get(name);
            if (value != null) {
                group.put(name, value);
            }
        }
        return group;
    }
}
