package io.opsplane.observability.alerting.notify;

import io.opsplane.observability.alerting.config.SlackConfig;
import io.opsplane.observability.alerting.dispatch.Notification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a Slack incoming-webhook notification as Alertmanager 0.25 builds it with its default templates,
 * computed without templates: the title is Alertmanager's subject line ({@code [FIRING:2] <group label values>
 * (<other common label values>)}), the title links to the alert list, the fallback is the subject and that link,
 * the colour is danger while firing and good once resolved; the configured texts are sent as written.
 */
public final class SlackPayload {

    private SlackPayload() {
    }

    public static String of(Notification notification, SlackConfig config, String externalUrl) {
        TemplateData data = TemplateData.of(notification.integration().receiver(), notification.alerts(),
                notification.groupLabels(), notification.at());
        String subject = subject(data);
        String alertsLink = externalUrl + "/#/alerts?receiver=" + queryEscape(data.receiver());
        GoJsonWriter json = new GoJsonWriter().beginObject();
        config.channel().filter(channel -> !channel.isEmpty())
                .ifPresent(channel -> json.name("channel").value(channel));
        if (!config.username().isEmpty()) {
            json.name("username").value(config.username());
        }
        json.name("attachments").beginArray().beginObject();
        String title = config.title().orElse(subject);
        if (!title.isEmpty()) {
            json.name("title").value(title);
        }
        json.name("title_link").value(alertsLink)
                .name("text").value(config.text())
                .name("fallback").value(subject + " | " + alertsLink)
                .name("callback_id").value("")
                .name("footer").value("")
                .name("color").value(config.color().orElse(data.status().equals("firing") ? "danger" : "good"))
                .name("mrkdwn_in").beginArray();
        for (String field : List.of("fallback", "pretext", "text")) {
            json.value(field);
        }
        return json.endArray().endObject().endArray().endObject().finish();
    }

    /** Go's {@code url.QueryEscape}, which keeps {@code ~} and escapes {@code *}, unlike Java's encoder. */
    static String queryEscape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    /** Alertmanager's {@code __subject} template, including its trailing space when no label is left to list. */
    static String subject(TemplateData data) {
        StringBuilder subject = new StringBuilder("[").append(data.status().toUpperCase(java.util.Locale.ROOT));
        if (data.status().equals("firing")) {
            subject.append(':').append(data.firingAlerts().size());
        }
        subject.append("] ").append(String.join(" ", data.groupLabels().values())).append(' ');
        if (data.commonLabels().size() > data.groupLabels().size()) {
            Map<String, String> others = new TreeMap<>(data.commonLabels());
            others.keySet().removeAll(data.groupLabels().keySet());
            subject.append('(').append(String.join(" ", others.values())).append(')');
        }
        return subject.toString();
    }
}
