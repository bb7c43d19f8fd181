package io.opsplane.observability.alerting.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.config.AlertmanagerConfig;
import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import io.opsplane.observability.alerting.dispatch.Dispatcher;
import io.opsplane.observability.alerting.dispatch.Muting;
import io.opsplane.observability.alerting.dispatch.Notification;
import io.opsplane.observability.alerting.inhibit.Inhibitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Configuration, dispatch and payload together, checked against the captured payload cited in
 * shared/corpus/alertmanager/webhook-payload-v4.md: receiver {@code web.hook-P0} is sent as {@code web\.hook-P0}
 * and the group key reads {@code {}/{priority="P0"}:{alertname="Instance Is Down", priority="P0"}}.
 */
class EngineFlowTest {

    @Test
    void aChildRoutesWebhookCarriesAlertmanagersReceiverAndGroupKey() {
        AlertmanagerConfig config = AlertmanagerConfigReader.read("""
                route:
                  receiver: web.hook
                  group_by: [alertname, priority]
                  routes:
                    - match: {priority: P0}
                      receiver: web.hook-P0
                inhibit_rules:
                  - source_matchers: [priority="P0"]
                    target_matchers: [priority="P1"]
                    equal: [alertname]
                receivers:
                  - name: web.hook
                    webhook_configs: [{url: 'https://hooks.example.com/default'}]
                  - name: web.hook-P0
                    webhook_configs: [{url: 'https://hooks.example.com/p0'}]
                """);
        Instant start = Instant.parse("2026-06-01T08:00:00Z");
        Dispatcher dispatcher = new Dispatcher(config);
        dispatcher.receive(new Alert(Map.of("alertname", "Instance Is Down", "priority", "P0", "instance", "a:9100"),
                Map.of("summary", "down"), start, Optional.empty(), "http://prom/graph"), start);
        dispatcher.receive(new Alert(Map.of("alertname", "Instance Is Down", "priority", "P1", "instance", "a:9100"),
                Map.of(), start, Optional.empty(), ""), start);
        Muting muting = new Muting(List.of(), new Inhibitor(config.inhibitRules()), config.timeIntervals());
        List<Notification> due = dispatcher.due(start.plusSeconds(30), muting);
        assertEquals(1, due.size(), "the P1 alert is inhibited by the P0 one");
        String body = WebhookPayload.of(due.get(0), 0, "http://alertmanager:9093");
        assertTrue(body.startsWith("{\"receiver\":\"web\\\\.hook-P0\",\"status\":\"firing\","), body);
        assertTrue(body.contains("\"groupKey\":\"{}/{priority=\\\"P0\\\"}:{alertname=\\\"Instance Is Down\\\", "
                + "priority=\\\"P0\\\"}\""), body);
        assertTrue(body.contains("\"endsAt\":\"0001-01-01T00:00:00Z\""), body);
    }
}
