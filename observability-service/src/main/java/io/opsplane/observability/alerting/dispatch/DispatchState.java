package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything a {@link Dispatcher} knows, as plain records a service can store and load after a restart. */
public record DispatchState(List<Group> groups, List<LogEntry> log) {

    public DispatchState {
        groups = List.copyOf(groups);
        log = List.copyOf(log);
    }

    /**
     * One aggregation group; {@code routePath} names its route in the configuration. {@code awaitingDelivery} names
     * the integrations whose notification from the last flush is not delivered yet, and {@code resolvedAtFlush} the
     * resolved alerts that leave the group once they all are.
     */
    public record Group(String routePath, Map<String, String> groupLabels, List<Alert> alerts, Instant nextFlush,
            boolean hasFlushed, Set<String> awaitingDelivery, List<Alert> resolvedAtFlush) {

        public Group {
            groupLabels = Map.copyOf(groupLabels);
            alerts = List.copyOf(alerts);
            awaitingDelivery = Set.copyOf(awaitingDelivery);
            resolvedAtFlush = List.copyOf(resolvedAtFlush);
        }
    }

    /** The last notification delivered for a group to one integration. */
    public record LogEntry(String groupKey, String receiver, String integration, Set<String> firing,
            Set<String> resolved, Instant sentAt) {

        public LogEntry {
            firing = Set.copyOf(firing);
            resolved = Set.copyOf(resolved);
        }
    }
}
