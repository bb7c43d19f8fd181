package io.opsplane.observability.alerting.config;

import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code receivers} with their webhook and Slack notifiers and Alertmanager's defaults. */
final class ReceiverReader {

    private static final String NO_NOTIFIER = "Opsplane has no notifier for this service; use a webhook";
    private static final FieldRules RECEIVER_FIELDS = new FieldRules(Set.of("name", "webhook_configs",
            "slack_configs"), Map.ofEntries(
                    Map.entry("email_configs", "Opsplane has no e-mail notifier"),
                    Map.entry("pagerduty_configs", NO_NOTIFIER),
                    Map.entry("opsgenie_configs", NO_NOTIFIER),
                    Map.entry("wechat_configs", NO_NOTIFIER),
                    Map.entry("pushover_configs", NO_NOTIFIER),
                    Map.entry("victorops_configs", NO_NOTIFIER),
                    Map.entry("sns_configs", NO_NOTIFIER),
                    Map.entry("telegram_configs", NO_NOTIFIER),
                    Map.entry("webex_configs", NO_NOTIFIER),
                    Map.entry("discord_configs", NO_NOTIFIER)));
    private static final FieldRules WEBHOOK_FIELDS = new FieldRules(Set.of("url", "send_resolved", "max_alerts",
            "http_config"), Map.of("url_file", "secrets come from Opsplane's secret store, not files"));
    private static final String NO_TEMPLATES = "Opsplane sends fixed texts, without Go templates";
    private static final FieldRules SLACK_FIELDS = new FieldRules(Set.of("api_url", "channel", "username", "title",
            "text", "color", "send_resolved", "http_config"), Map.ofEntries(
                    Map.entry("api_url_file", "secrets come from Opsplane's secret store, not files"),
                    Map.entry("title_link", NO_TEMPLATES),
                    Map.entry("pretext", NO_TEMPLATES),
                    Map.entry("fields", NO_TEMPLATES),
                    Map.entry("short_fields", NO_TEMPLATES),
                    Map.entry("footer", NO_TEMPLATES),
                    Map.entry("fallback", NO_TEMPLATES),
                    Map.entry("callback_id", NO_TEMPLATES),
                    Map.entry("icon_emoji", NO_TEMPLATES),
                    Map.entry("icon_url", NO_TEMPLATES),
                    Map.entry("image_url", NO_TEMPLATES),
                    Map.entry("thumb_url", NO_TEMPLATES),
                    Map.entry("link_names", NO_TEMPLATES),
                    Map.entry("mrkdwn_in", NO_TEMPLATES),
                    Map.entry("actions", NO_TEMPLATES)));

    private ReceiverReader() {
    }

    static Map<String, Receiver> read(YamlMapping root, GlobalConfig global, ReceiverUrlPolicy urlPolicy) {
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        for (YamlNode node : root.list("receivers")) {
            YamlMapping section = node.asMapping();
            RECEIVER_FIELDS.check(section);
            String name = section.optionalString("name").filter(text -> !text.isEmpty())
                    .orElseThrow(() -> section.error("missing name in receiver"));
            if (receivers.containsKey(name)) {
                throw section.required("name").error("notification config name \"" + name + "\" is not unique");
            }
            List<WebhookConfig> webhooks = new ArrayList<>();
            for (YamlNode webhook : section.list("webhook_configs")) {
                webhooks.add(webhook(webhook.asMapping(), global, urlPolicy));
            }
            List<SlackConfig> slacks = new ArrayList<>();
            for (YamlNode slack : section.list("slack_configs")) {
                slacks.add(slack(slack.asMapping(), global, urlPolicy));
            }
            receivers.put(name, new Receiver(name, webhooks, slacks));
        }
        return receivers;
    }

    private static WebhookConfig webhook(YamlMapping section, GlobalConfig global, ReceiverUrlPolicy urlPolicy) {
        WEBHOOK_FIELDS.check(section);
        URI url = section.optional("url").map(node -> HttpUrls.parse(node, urlPolicy))
                .orElseThrow(() -> section.error("one of url or url_file must be configured"));
        int maxAlerts = section.optional("max_alerts").map(node -> {
            int value = node.asInt();
            if (value < 0) {
                throw node.error("max_alerts cannot be negative");
            }
            return value;
        }).orElse(0);
        return new WebhookConfig(url, section.bool("send_resolved", true), maxAlerts, http(section, global));
    }

    private static SlackConfig slack(YamlMapping section, GlobalConfig global, ReceiverUrlPolicy urlPolicy) {
        SLACK_FIELDS.check(section);
        URI apiUrl = section.optional("api_url").map(node -> HttpUrls.parse(node, urlPolicy)).or(global::slackApiUrl)
                .orElseThrow(() -> section.error("no global Slack API URL set"));
        return new SlackConfig(apiUrl, plainText(section, "channel"),
                plainText(section, "username").orElse(SlackConfig.DEFAULT_USERNAME), plainText(section, "title"),
                plainText(section, "text").orElse(""), plainText(section, "color"),
                section.bool("send_resolved", false), http(section, global));
    }

    private static Optional<String> plainText(YamlMapping section, String field) {
        return section.optional(field).map(node -> {
            String text = node.asString();
            if (text.contains("{{")) {
                throw node.error("Go templates are not supported by Opsplane (" + NO_TEMPLATES + ")");
            }
            return text;
        });
    }

    private static HttpConfig http(YamlMapping section, GlobalConfig global) {
        return section.optionalMapping("http_config").map(node -> HttpConfig.read(node, global.httpConfig()))
                .orElse(global.httpConfig());
    }
}
