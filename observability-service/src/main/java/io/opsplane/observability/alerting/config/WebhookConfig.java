package io.opsplane.observability.alerting.config;

import java.net.URI;

/**
 * A webhook notifier (Alertmanager's {@code webhook_configs}); {@code maxAlerts} 0 sends every alert.
 * Alertmanager's default for {@code send_resolved} is true here.
 */
public record WebhookConfig(URI url, boolean sendResolved, int maxAlerts, HttpConfig httpConfig) {
}
