package io.opsplane.observability.alerting.notify;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.dispatch.Notification;
import java.time.Instant;
import java.util.List;

/**
 * The body of a webhook notification, version "4" exactly as Alertmanager 0.25 sends it: keys in its order,
 * Go's JSON escaping, the end of an unresolved alert as Go's zero time, alerts beyond {@code max_alerts} cut and
 * counted in {@code truncatedAlerts} (the common labels describe the alerts that are sent).
 */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    /** {@code maxAlerts} 0 sends every alert. */
    public static String of(Notification notification, int maxAlerts, String externalUrl) {
        List<Alert> alerts = notification.alerts();
        int truncated = 0;
        if (maxAlerts > 0 && alerts.size() > maxAlerts) {
            truncated = alerts.size() - maxAlerts;
            alerts = alerts.subList(0, maxAlerts);
        }
        Instant now = notification.at();
        TemplateData data = TemplateData.of(notification.integration().receiver(), alerts,
                notification.groupLabels(), now);
        GoJsonWriter json = new GoJsonWriter().beginObject()
                .name("receiver").value(data.receiver())
                .name("status").value(data.status())
                .name("alerts").beginArray();
        for (Alert alert : alerts) {
            boolean resolved = alert.resolvedAt(now);
            json.beginObject()
                    .name("status").value(resolved ? "resolved" : "firing")
                    .name("labels").value(alert.labels())
                    .name("annotations").value(alert.annotations())
                    .name("startsAt").value(GoTime.format(alert.startsAt()))
                    .name("endsAt").value(resolved ? GoTime.formatOrZero(alert.endsAt()) : GoTime.ZERO)
                    .name("generatorURL").value(alert.generatorUrl())
                    .name("fingerprint").value(alert.fingerprint())
                    .endObject();
        }
        return json.endArray()
                .name("groupLabels").value(data.groupLabels())
                .name("commonLabels").value(data.commonLabels())
                .name("commonAnnotations").value(data.commonAnnotations())
                .name("externalURL").value(externalUrl)
                .name("version").value("4")
                .name("groupKey").value(notification.groupKey())
                .name("truncatedAlerts").value(truncated)
                .endObject()
                .finish();
    }
}
