package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.routing.Route;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts one route groups under one set of group labels, and when the group flushes next. After a flush
 * whose notifications all went out, the resolved alerts it carried leave the group (unless they changed since).
 */
final class AggregationGroup {

    final Route route;
    final Map<String, String> groupLabels;
    final String key;
    final Map<String, Alert> alerts = new LinkedHashMap<>();
    Instant nextFlush;
    boolean hasFlushed;
    final Set<String> awaitingDelivery = new HashSet<>();
    final Map<String, Alert> resolvedAtFlush = new LinkedHashMap<>();

    AggregationGroup(Route route, Map<String, String> groupLabels, Instant nextFlush) {
        this.route = route;
        this.groupLabels = Map.copyOf(groupLabels);
        this.key = GroupKey.of(route.key(), groupLabels);
        this.nextFlush = nextFlush;
    }

    List<Alert> sortedAlerts() {
        return alerts.values().stream().sorted(AlertOrder.INSTANCE).toList();
    }

    void removeResolvedOfLastFlush() {
        resolvedAtFlush.forEach((fingerprint, alert) -> alerts.remove(fingerprint, alert));
        resolvedAtFlush.clear();
        awaitingDelivery.clear();
    }

    DispatchState.Group export() {
        return new DispatchState.Group(route.path(), groupLabels, List.copyOf(alerts.values()), nextFlush, hasFlushed,
                awaitingDelivery, List.copyOf(resolvedAtFlush.values()));
    }
}
