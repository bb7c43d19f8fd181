package io.opsplane.observability.alerting.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.config.HttpConfig;
import io.opsplane.observability.alerting.config.SlackConfig;
import io.opsplane.observability.alerting.dispatch.Integration;
import io.opsplane.observability.alerting.dispatch.Notification;
import io.opsplane.observability.alerting.support.Labels;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:10:00Z");
    private static final Alert FIRING = new Alert(Map.of("alertname", "Disk", "instance", "a", "job", "node"),
            Map.of("summary", "disk < 10% & falling"), Instant.parse("2026-06-01T00:00:00.500Z"),
            Optional.of(NOW.plusSeconds(300)), "http://prom:9090/graph?g0.expr=up");
    private static final Alert RESOLVED = new Alert(Map.of("alertname", "Disk", "instance", "b", "job", "node"),
            Map.of("summary", "line\nbreak \"quoted\""), Instant.parse("2026-06-01T00:00:00Z"),
            Optional.of(Instant.parse("2026-06-01T00:09:30.123456789Z")), "");

    private static Notification notification(String receiver, List<Alert> alerts) {
        return new Notification("{}:{alertname=\"Disk\"}", new Integration(receiver, "webhook", 0, true),
                Map.of("alertname", "Disk"), alerts, Set.of(), Set.of(), NOW);
    }

    @Test
    void writesTheWebhookBodyExactlyAsAlertmanager() {
        String expected = "{\"receiver\":\"web\\\\.hook\",\"status\":\"firing\",\"alerts\":["
                + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"Disk\",\"instance\":\"a\",\"job\":\"node\"},"
                + "\"annotations\":{\"summary\":\"disk \\u003c 10% \\u0026 falling\"},"
                + "\"startsAt\":\"2026-06-01T00:00:00.5Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"http://prom:9090/graph?g0.expr=up\",\"fingerprint\":\"6d6bf26352ad2d0e\"},"
                + "{\"status\":\"resolved\",\"labels\":{\"alertname\":\"Disk\",\"instance\":\"b\",\"job\":\"node\"},"
                + "\"annotations\":{\"summary\":\"line\\nbreak \\\"quoted\\\"\"},"
                + "\"startsAt\":\"2026-06-01T00:00:00Z\",\"endsAt\":\"2026-06-01T00:09:30.123456789Z\","
                + "\"generatorURL\":\"\",\"fingerprint\":\"6c742ee52c6b08bb\"}],"
                + "\"groupLabels\":{\"alertname\":\"Disk\"},\"commonLabels\":{\"alertname\":\"Disk\",\"job\":\"node\"},"
                + "\"commonAnnotations\":{},\"externalURL\":\"http://am.example:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{alertname=\\\"Disk\\\"}\",\"truncatedAlerts\":0}\n";
        assertEquals(expected, WebhookPayload.of(notification("web.hook", List.of(FIRING, RESOLVED)), 0,
                "http://am.example:9093"));
    }

    @ParameterizedTest(name = "[{index}] max_alerts {0}")
    @CsvSource(textBlock = """
            0, 2, 0, firing
            1, 1, 1, firing
            2, 2, 0, firing
            5, 2, 0, firing
            """)
    void cutsAlertsBeyondMaxAlertsAndCountsThem(int maxAlerts, int sent, int truncated, String status) {
        String body = WebhookPayload.of(notification("r", List.of(FIRING, RESOLVED)), maxAlerts, "http://am");
        assertEquals(sent, body.split("\"fingerprint\"", -1).length - 1);
        assertEquals(true, body.endsWith("\"truncatedAlerts\":" + truncated + "}\n"));
        assertEquals(true, body.contains("\"status\":\"" + status + "\",\"alerts\""));
    }

    @Test
    void aGroupWithOnlyResolvedAlertsIsResolved() {
        String body = WebhookPayload.of(notification("r", List.of(RESOLVED)), 0, "http://am");
        assertEquals(true, body.startsWith("{\"receiver\":\"r\",\"status\":\"resolved\","));
        assertEquals(true, body.contains("\"commonAnnotations\":{\"summary\":\"line\\nbreak \\\"quoted\\\"\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            web.hook      ; web\\.hook
            a+b*(c)|[d]^$ ; a\\+b\\*\\(c\\)\\|\\[d\\]\\^\\$
            {x}?\\        ; \\{x\\}\\?\\\\
            plain-name_1  ; plain-name_1
            """)
    void quotesReceiverNamesAsRegexpQuoteMeta(String name, String quoted) {
        assertEquals(quoted, TemplateData.quoteMeta(name));
    }

    /** Each alert: labels separated by spaces, "!" first when resolved; alerts separated by commas. */
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = ';', textBlock = """
            alertname=Disk ; alertname=Disk instance=a , alertname=Disk instance=b           ; [FIRING:2] Disk 
            alertname=Disk ; alertname=Disk team=db sev=high , alertname=Disk team=db sev=high x=1 ; [FIRING:2] Disk (high db)
            alertname=Disk ; alertname=Disk team=db , !alertname=Disk team=db x=2           ; [FIRING:1] Disk (db)
            alertname=Disk ; !alertname=Disk team=db                                         ; [RESOLVED] Disk (db)
            -              ; a=1 b=2                                                          ; [FIRING:1]  (1 2)
            """)
    void buildsAlertmanagersSubjectLine(String groupLabels, String alerts, String subject) {
        List<Alert> list = new ArrayList<>();
        for (String each : alerts.split(",")) {
            String text = each.trim();
            boolean resolved = text.startsWith("!");
            list.add(new Alert(Labels.parse(resolved ? text.substring(1) : text), Map.of(), NOW.minusSeconds(60),
                    resolved ? Optional.of(NOW.minusSeconds(1)) : Optional.empty(), ""));
        }
        TemplateData data = TemplateData.of("r", list, Labels.parse(groupLabels), NOW);
        assertEquals(subject.stripTrailing(), SlackPayload.subject(data).stripTrailing());
        assertEquals(subject.endsWith(")") ? subject : subject.stripTrailing() + " ", SlackPayload.subject(data));
    }

    @Test
    void writesTheSlackBodyWithAlertmanagersDefaults() {
        SlackConfig config = new SlackConfig(URI.create("https://hooks.slack.example/x"), Optional.of("#ops"),
                SlackConfig.DEFAULT_USERNAME, Optional.empty(), "", Optional.empty(), true, HttpConfig.DEFAULT);
        String expected = "{\"channel\":\"#ops\",\"username\":\"Alertmanager\",\"attachments\":[{"
                + "\"title\":\"[FIRING:1] Disk (node)\","
                + "\"title_link\":\"http://am/#/alerts?receiver=web%5C.hook%5C%2A~\","
                + "\"text\":\"\",\"fallback\":\"[FIRING:1] Disk (node) | http://am/#/alerts?receiver=web%5C.hook%5C%2A~\","
                + "\"callback_id\":\"\",\"footer\":\"\",\"color\":\"danger\","
                + "\"mrkdwn_in\":[\"fallback\",\"pretext\",\"text\"]}]}\n";
        assertEquals(expected, SlackPayload.of(notification("web.hook*~", List.of(FIRING, RESOLVED)), config,
                "http://am"));
    }

    @Test
    void slackSendsConfiguredTextsAsWrittenAndGoodOnceResolved() {
        SlackConfig config = new SlackConfig(URI.create("https://hooks.slack.example/x"), Optional.empty(),
                "bot", Optional.of("Disk <full>"), "see runbook", Optional.empty(), true, HttpConfig.DEFAULT);
        String body = SlackPayload.of(notification("r", List.of(RESOLVED)), config, "http://am");
        assertEquals(true, body.startsWith("{\"username\":\"bot\",\"attachments\":[{\"title\":\"Disk \\u003cfull\\u003e\""));
        assertEquals(true, body.contains("\"text\":\"see runbook\""));
        assertEquals(true, body.contains("\"color\":\"good\""));
    }
}
