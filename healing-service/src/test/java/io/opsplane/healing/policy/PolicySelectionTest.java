package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicySelectionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final List<HealingPolicy> POLICIES = HealingPolicyReader.read("""
            policies:
              - name: low
                priority: 1
                triggers: [{alert: ['alertname="HighErrorRate"']}]
                actions: [{type: acknowledge_alert}]
              - name: high
                priority: 5
                triggers: [{alert: ['alertname=~"High.*"']}, {event: DeploymentStarted, filters: ['environment="production"']}]
                actions: [{type: acknowledge_alert}]
              - name: also-high
                priority: 5
                triggers: [{alert: ['alertname="HighErrorRate"']}]
                conditions: {environments: [production]}
                actions: [{type: acknowledge_alert}]
              - name: disabled
                priority: 9
                enabled: false
                triggers: [{alert: ['alertname="HighErrorRate"']}]
                actions: [{type: acknowledge_alert}]
            """);

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HighErrorRate | production | also-high high low
            HighErrorRate | staging    | high low
            HighLatency   | production | high
            Other         | production | ''
            """)
    void ordersSelectedAlertPoliciesByPriorityThenName(String alertname, String environment, String expected) {
        List<String> names = PolicySelection.forAlert(POLICIES, Map.of("alertname", alertname, "environment",
                environment), NOW).stream().map(HealingPolicy::name).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), names);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            DeploymentStarted   | production | high
            DeploymentStarted   | staging    | ''
            DeploymentCompleted | production | ''
            """)
    void selectsEventPoliciesByTypeAndFilters(String type, String environment, String expected) {
        List<String> names = PolicySelection.forEvent(POLICIES, type, Map.of("environment", environment), NOW)
                .stream().map(HealingPolicy::name).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), names);
    }
}
