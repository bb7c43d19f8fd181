package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.yaml.YamlException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealingPolicyReaderTest {

    private static final String FULL = """
            policies:
              - name: rollback-bad-canary
                priority: 10
                cooldown: 10m
                rate_limit: {max: 3, period: 1h}
                triggers:
                  - alert: ['alertname="HighErrorRate"', 'application=~"shop.*"', 'environment!=""']
                conditions:
                  environments: [production]
                  severities: [critical]
                  time_windows:
                    - {days: [mon, tuesday], start: "09:00", end: "17:00", time_zone: Europe/Paris}
                actions:
                  - type: rollback_deployment
                    timeout: 2m
                    retries: 2
                    parameters:
                      application: "{{ .labels.application }}"
                      environment: "{{ .labels.environment }}"
                      reason: "canary of {{ .labels.application }} failing"
                  - type: webhook
                    parameters: {url: "https://hooks.example.com/heal"}
              - name: page-on-failed-remediation
                enabled: false
                triggers:
                  - event: RemediationFailed
                    filters: ['policy="rollback-bad-canary"']
                actions:
                  - type: acknowledge_alert
            """;

    @Test
    void readsEveryPartOfAPolicy() {
        List<HealingPolicy> policies = HealingPolicyReader.read(FULL);
        assertEquals(2, policies.size());
        HealingPolicy rollback = policies.get(0);
        assertEquals("rollback-bad-canary", rollback.name());
        assertEquals(10, rollback.priority());
        assertTrue(rollback.enabled());
        assertEquals(Duration.ofMinutes(10), rollback.cooldown());
        assertEquals(Optional.of(new RateLimit(3, Duration.ofHours(1))), rollback.rateLimit());
        assertEquals(2, rollback.location().line());
        Action first = rollback.actions().get(0);
        assertEquals(ActionType.ROLLBACK_DEPLOYMENT, first.type());
        assertEquals(Duration.ofMinutes(2), first.timeout());
        assertEquals(2, first.retries());
        assertEquals(Map.of("application", "shop-api", "environment", "production", "reason",
                "canary of shop-api failing"), first.renderParameters(Map.of("application", "shop-api",
                "environment", "production")));
        Action second = rollback.actions().get(1);
        assertEquals(Duration.ofMinutes(5), second.timeout());
        assertEquals(0, second.retries());
        HealingPolicy page = policies.get(1);
        assertFalse(page.enabled());
        assertEquals(Duration.ZERO, page.cooldown());
        assertEquals(Optional.empty(), page.rateLimit());
        assertEquals(Conditions.NONE, page.conditions());
    }

    @Test
    void selectsByTriggerAndConditions() {
        HealingPolicy rollback = HealingPolicyReader.read(FULL).get(0);
        Instant mondayNoonParis = Instant.parse("2026-12-07T11:00:00Z");
        Map<String, String> labels = Map.of("alertname", "HighErrorRate", "application", "shop-api",
                "environment", "production", "severity", "critical");
        assertTrue(rollback.selectedByAlert(labels, mondayNoonParis));
        assertFalse(rollback.selectedByAlert(labels, Instant.parse("2026-12-09T11:00:00Z")), "a Wednesday");
        assertFalse(rollback.selectedByAlert(with(labels, "environment", "staging"), mondayNoonParis));
        assertFalse(rollback.selectedByAlert(with(labels, "severity", "warning"), mondayNoonParis));
        assertFalse(rollback.selectedByAlert(with(labels, "application", "billing"), mondayNoonParis));
        assertFalse(rollback.selectedByEvent("AlertFiring", labels, mondayNoonParis), "only alert triggers");
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> changed = new HashMap<>(labels);
        changed.put(name, value);
        return changed;
    }

    private static final String HEAD = """
            policies:
              - name: p
                triggers:
                  - alert: ['application="shop"', 'environment="production"']
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown action          | actions: [{type: reboot_world}]                                             | 5 | 22 | unknown action 'reboot_world'
            unknown field           | actions: [{type: scale, replcas: 2}]                                        | 5 | 29 | unknown field 'replcas'
            unknown parameter       | actions: [{type: pause_rollout, parameters: {application: a, environment: b, region: x}}] | 5 | 82 | takes no parameter 'region'
            missing parameter       | actions: [{type: pause_rollout, parameters: {application: a}}]              | 5 | 15 | needs the parameter 'environment'
            unknown label           | actions: [{type: pause_rollout, parameters: {application: '{{ .labels.app }}', environment: b}}] | 5 | 63 | label 'app' is not matched
            bad template            | actions: [{type: pause_rollout, parameters: {application: '{{ .Values.a }}', environment: b}}] | 5 | 63 | only {{ .labels.<name> }}
            replicas out of range   | actions: [{type: scale, parameters: {application: a, environment: b, replicas: 1001}}] | 5 | 84 | replicas is between 0 and 1000
            replicas negative       | actions: [{type: scale, parameters: {application: a, environment: b, replicas: -1}}] | 5 | 84 | replicas is between 0 and 1000
            bad silence duration    | actions: [{type: silence_alert, parameters: {duration: soon}}]              | 5 | 60 | soon
            webhook file URL        | actions: [{type: webhook, parameters: {url: 'file:///etc/passwd'}}]         | 5 | 49 | is not allowed (use http or https)
            webhook to metadata     | actions: [{type: webhook, parameters: {url: 'http://169.254.169.254/latest'}}] | 5 | 49 | 169.254.0.0/16
            webhook to loopback v6  | actions: [{type: webhook, parameters: {url: 'http://[::ffff:127.0.0.1]/'}}]    | 5 | 49 | 127.0.0.0/8
            webhook to localhost    | actions: [{type: webhook, parameters: {url: 'https://localhost:8080/'}}]      | 5 | 49 | this machine
            webhook not a URL       | actions: [{type: webhook, parameters: {url: 'http://exa mple.com/'}}]         | 5 | 49 | is not a URL
            webhook from labels     | actions: [{type: webhook, parameters: {url: 'https://{{ .labels.application }}.example.com/'}}] | 5 | 49 | cannot be filled from labels
            zero timeout            | actions: [{type: acknowledge_alert, timeout: 0s}]                           | 5 | 50 | above zero
            long timeout            | actions: [{type: acknowledge_alert, timeout: 2h}]                           | 5 | 50 | at most 1h
            too many retries        | actions: [{type: acknowledge_alert, retries: 11}]                           | 5 | 50 | retries is between 0 and 10
            no actions              | actions: []                                                                 | 5 | 14 | at least one entry
            """)
    void refusesBadActionsWithTheirPosition(String title, String actions, int line, int column, String message) {
        YamlException error = assertThrows(YamlException.class, () -> HealingPolicyReader.read(HEAD + "    " + actions));
        assertTrue(error.getMessage().contains(message), error.getMessage());
        assertEquals(line, error.line(), error.getMessage());
        assertEquals(column, error.column(), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad matcher             | triggers: [{alert: ['application=="x"']}]                        | 3 | 25 | is not a matcher
            RE2-less regex          | triggers: [{alert: ['application=~"(?=x)"']}]                     | 3 | 25 | RE2
            empty alert             | triggers: [{alert: []}]                                           | 3 | 24 | at least one matcher
            both kinds              | triggers: [{alert: ['a="b"'], event: JobStarted}]                  | 3 | 16 | either 'alert'
            filters on alert        | triggers: [{alert: ['a="b"'], filters: []}]                        | 3 | 44 | belongs to event triggers
            unknown event           | triggers: [{event: PizzaOrdered}]                                 | 3 | 24 | unknown event type
            no triggers             | triggers: []                                                      | 3 | 15 | at least one entry
            bad day                 | conditions: {time_windows: [{days: [funday], start: '09:00', end: '10:00'}]} | 3 | 41 | day of the week
            bad time                | conditions: {time_windows: [{start: '9am', end: '10:00'}]}        | 3 | 41 | HH:MM
            hour 24                 | conditions: {time_windows: [{start: '24:00', end: '10:00'}]}      | 3 | 41 | HH:MM
            bad zone                | conditions: {time_windows: [{start: '09:00', end: '10:00', time_zone: Mars/Base}]} | 3 | 75 | unknown time zone
            zero rate limit         | rate_limit: {max: 0, period: 1h}                                  | 3 | 23 | at least 1
            bad cooldown            | cooldown: 'ten minutes'                                           | 3 | 15 | ten minutes
            bad name                | name: Rollback!                                                   | 2 | 11 | lower-case
            """)
    void refusesBadPolicyFieldsWithTheirPosition(String title, String field, int line, int column, String message) {
        String yaml = "policies:\n  - " + (field.startsWith("name:") ? field : "name: p\n    " + field) + "\n";
        if (!field.startsWith("triggers")) {
            yaml += "    triggers: [{event: JobStarted}]\n";
        }
        yaml += "    actions: [{type: acknowledge_alert}]\n";
        String document = yaml;
        YamlException error = assertThrows(YamlException.class, () -> HealingPolicyReader.read(document));
        assertTrue(error.getMessage().contains(message), error.getMessage());
        assertEquals(line, error.line(), error.getMessage());
        assertEquals(column, error.column(), error.getMessage());
    }

    @Test
    void refusesTwoPoliciesOfOneName() {
        String one = "  - name: same\n    triggers: [{event: JobStarted}]\n    actions: [{type: acknowledge_alert}]\n";
        YamlException error = assertThrows(YamlException.class,
                () -> HealingPolicyReader.read("policies:\n" + one + one));
        assertEquals(5, error.line());
        assertTrue(error.getMessage().contains("already named 'same'"), error.getMessage());
    }

    @Test
    void refusesALabelThatOnlySomeTriggersMatch() {
        String yaml = """
                policies:
                  - name: p
                    triggers:
                      - alert: ['application="shop"', 'environment="production"']
                      - event: DeploymentStarted
                        filters: ['environment="production"']
                    actions:
                      - type: pause_rollout
                        parameters: {application: '{{ .labels.application }}', environment: production}
                """;
        YamlException error = assertThrows(YamlException.class, () -> HealingPolicyReader.read(yaml));
        assertTrue(error.getMessage().contains("not matched by trigger 2"), error.getMessage());
        assertEquals(9, error.line());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not YAML         | 'policies: [unclosed'
            not a mapping    | '- a'
            unknown top key  | 'policy: []'
            no policies      | 'other: 1'
            alias bomb       | 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]'
            unknown tag      | 'policies: !!python/object:os.system []'
            """)
    void refusesDocumentsThatAreNotAPolicyFile(String title, String yaml) {
        YamlException error = assertThrows(YamlException.class,
                () -> HealingPolicyReader.read(yaml.replace("\\n", "\n")));
        assertTrue(error.line() > 0, error.getMessage());
    }
}
