package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.AlertIntake;
import io.opsplane.observability.alerting.alert.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The alert manager's intake, shared by every sender: the alerts are merged with those received before (as
 * Alertmanager merges repeated sends), stored, and handed to the dispatcher before {@link #accept} returns. It
 * blocks on the database: call it from a worker thread, never an event loop.
 */
@ApplicationScoped
public class ReceivedAlerts implements AlertIntake {

    @Inject
    AlertManagerRuntime runtime;

    @Override
    public void accept(List<Alert> alerts, Instant receivedAt) {
        runtime.accept(alerts, receivedAt);
    }

    public List<Alert> all() {
        return runtime.alerts().stream().map(AlertManagerRuntime.AlertStatus::alert).toList();
    }
}
