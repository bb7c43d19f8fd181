package io.opsplane.observability.alerting.inhibit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import io.opsplane.observability.alerting.support.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InhibitorTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private static final Inhibitor INHIBITOR = new Inhibitor(AlertmanagerConfigReader.read("""
            route: {receiver: r}
            receivers: [{name: r}]
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: [severity="warning"]
                equal: [cluster]
              - source_match: {alertname: NodeDown}
                target_match_re: {alertname: '.*'}
                equal: [node]
            """).inhibitRules());

    /** Alerts: label sets separated by commas, "!" before one marks it resolved. */
    @ParameterizedTest(name = "[{index}] {0} among {1}")
    @CsvSource(delimiter = ';', textBlock = """
            severity=warning cluster=a    ; severity=critical cluster=a                       ; true
            severity=warning cluster=a    ; severity=critical cluster=b                       ; false
            severity=warning cluster=a    ; !severity=critical cluster=a                      ; false
            severity=warning              ; severity=critical                                 ; true
            severity=warning cluster=a    ; severity=critical                                 ; false
            severity=info cluster=a       ; severity=critical cluster=a                       ; false
            alertname=Disk node=n1        ; alertname=NodeDown node=n1                        ; true
            alertname=Disk node=n1        ; alertname=NodeDown node=n2                        ; false
            alertname=NodeDown node=n1    ; alertname=NodeDown node=n1                        ; false
            alertname=NodeDown node=n1    ; alertname=NodeDown node=n1 , alertname=Other node=n1 ; false
            severity=warning cluster=a    ; -                                                 ; false
            """)
    void inhibitsTargetsOfAFiringSourceWithEqualLabels(String target, String alerts, boolean expected) {
        List<Alert> all = new ArrayList<>();
        for (String each : alerts.split(",")) {
            String text = each.trim();
            boolean resolved = text.startsWith("!");
            Map<String, String> labels = Labels.parse(resolved ? text.substring(1) : text);
            all.add(new Alert(labels, Map.of(), NOW.minusSeconds(600),
                    resolved ? Optional.of(NOW.minusSeconds(1)) : Optional.empty(), ""));
        }
        assertEquals(expected, INHIBITOR.inhibits(Labels.parse(target), all, NOW));
    }
}
