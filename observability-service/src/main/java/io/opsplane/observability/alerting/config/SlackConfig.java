package io.opsplane.observability.alerting.config;

import java.net.URI;
import java.util.Optional;

/**
 * A Slack incoming-webhook notifier (Alertmanager's {@code slack_configs}). Texts are sent as written; when
 * {@code title} or {@code color} are not set, the payload uses Alertmanager's default subject line and
 * danger/good colour. Alertmanager's default for {@code send_resolved} is false here.
 */
public record SlackConfig(URI apiUrl, Optional<String> channel, String username, Optional<String> title,
        String text, Optional<String> color, boolean sendResolved, HttpConfig httpConfig) {

    public static final String DEFAULT_USERNAME = "Alertmanager";
}
