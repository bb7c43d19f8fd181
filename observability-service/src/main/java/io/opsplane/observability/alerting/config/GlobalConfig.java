package io.opsplane.observability.alerting.config;

import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.yaml.YamlMapping;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Alertmanager's {@code global} section, limited to what Opsplane's notifiers use. */
public record GlobalConfig(Duration resolveTimeout, Optional<URI> slackApiUrl, HttpConfig httpConfig) {

    public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofMinutes(5);
    public static final GlobalConfig DEFAULT = new GlobalConfig(DEFAULT_RESOLVE_TIMEOUT, Optional.empty(),
            HttpConfig.DEFAULT);

    private static final String NO_EMAIL = "Opsplane has no e-mail notifier";
    private static final String NO_NOTIFIER = "Opsplane has no notifier for this service; use a webhook";
    private static final String NO_FILES = "secrets come from Opsplane's secret store, not files";
    private static final FieldRules FIELDS = new FieldRules(
            Set.of("resolve_timeout", "slack_api_url", "http_config"),
            Map.ofEntries(
                    Map.entry("slack_api_url_file", NO_FILES),
                    Map.entry("smtp_from", NO_EMAIL),
                    Map.entry("smtp_hello", NO_EMAIL),
                    Map.entry("smtp_smarthost", NO_EMAIL),
                    Map.entry("smtp_auth_username", NO_EMAIL),
                    Map.entry("smtp_auth_password", NO_EMAIL),
                    Map.entry("smtp_auth_password_file", NO_EMAIL),
                    Map.entry("smtp_auth_secret", NO_EMAIL),
                    Map.entry("smtp_auth_identity", NO_EMAIL),
                    Map.entry("smtp_require_tls", NO_EMAIL),
                    Map.entry("pagerduty_url", NO_NOTIFIER),
                    Map.entry("opsgenie_api_url", NO_NOTIFIER),
                    Map.entry("opsgenie_api_key", NO_NOTIFIER),
                    Map.entry("opsgenie_api_key_file", NO_NOTIFIER),
                    Map.entry("wechat_api_url", NO_NOTIFIER),
                    Map.entry("wechat_api_secret", NO_NOTIFIER),
                    Map.entry("wechat_api_corp_id", NO_NOTIFIER),
                    Map.entry("victorops_api_url", NO_NOTIFIER),
                    Map.entry("victorops_api_key", NO_NOTIFIER),
                    Map.entry("victorops_api_key_file", NO_NOTIFIER),
                    Map.entry("telegram_api_url", NO_NOTIFIER),
                    Map.entry("webex_api_url", NO_NOTIFIER)));

    static GlobalConfig read(YamlMapping section, ReceiverUrlPolicy urlPolicy) {
        FIELDS.check(section);
        Duration resolveTimeout = section.optionalDuration("resolve_timeout").orElse(DEFAULT_RESOLVE_TIMEOUT);
        Optional<URI> slack = section.optional("slack_api_url").map(node -> HttpUrls.parse(node, urlPolicy));
        HttpConfig http = section.optionalMapping("http_config")
                .map(node -> HttpConfig.read(node, HttpConfig.DEFAULT))
                .orElse(HttpConfig.DEFAULT);
        return new GlobalConfig(resolveTimeout, slack, http);
    }
}
