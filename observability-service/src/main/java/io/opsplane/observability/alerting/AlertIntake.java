package io.opsplane.observability.alerting;

import io.opsplane.observability.alerting.alert.Alert;
import java.time.Instant;
import java.util.List;

/**
 * Where alerts enter the alert manager: from Opsplane's own alerting rules and, through the Alertmanager-compatible
 * API, from any Prometheus alike.
 */
public interface AlertIntake {

    /** Takes the alerts as received at {@code receivedAt}; an alert sent again with the same labels updates it. */
    void accept(List<Alert> alerts, Instant receivedAt);
}
