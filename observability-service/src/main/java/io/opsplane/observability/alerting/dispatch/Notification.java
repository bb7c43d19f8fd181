package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A notification that is due: the alerts to send to one integration for one group, and the firing and resolved
 * fingerprints the notification log records once it is delivered ({@link Dispatcher#delivered}).
 */
public record Notification(String groupKey, Integration integration, Map<String, String> groupLabels,
        List<Alert> alerts, Set<String> firing, Set<String> resolved, Instant at) {

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        firing = Set.copyOf(firing);
        resolved = Set.copyOf(resolved);
    }
}
