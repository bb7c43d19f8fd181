package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.AlertIntake;
import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.alert.AlertStore;
import io.opsplane.observability.alerting.config.GlobalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The alert manager's received alerts, shared by every sender. */
@ApplicationScoped
public class ReceivedAlerts implements AlertIntake {

    private final AlertStore store = new AlertStore();

    @Override
    public synchronized void accept(List<Alert> alerts, Instant receivedAt) {
        store.put(alerts, receivedAt, GlobalConfig.DEFAULT_RESOLVE_TIMEOUT);
    }

    public synchronized List<Alert> all() {
        return store.all();
    }
}
