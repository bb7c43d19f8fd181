package io.opsplane.observability.alerting.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.platform.egress.Cidr;
import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.yaml.YamlException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerConfigReaderTest {

    private static final String RECEIVERS = """
            receivers:
              - name: ops
                webhook_configs:
                  - url: https://hooks.example.com/alerts
              - name: db
            """;

    @Test
    void readsEveryOptionWithAlertmanagersDefaultsAndInheritance() {
        AlertmanagerConfig config = AlertmanagerConfigReader.read("""
                global:
                  resolve_timeout: 1m
                  slack_api_url: https://hooks.slack.example/services/T/B/X
                  http_config:
                    follow_redirects: false
                route:
                  receiver: ops
                  group_by: [alertname]
                  group_interval: 10m
                  routes:
                    - matchers: ['service=~"db|cache"', team!=web]
                      match: {tier: data}
                      match_re: {env: prod.*}
                      receiver: db
                      group_by: ['...']
                      group_wait: 0s
                      continue: true
                      mute_time_intervals: [nights]
                      active_time_intervals: [weekdays]
                    - receiver: chat
                time_intervals:
                  - name: weekdays
                    time_intervals:
                      - weekdays: ['monday:friday']
                mute_time_intervals:
                  - name: nights
                    time_intervals:
                      - times: [{start_time: '00:00', end_time: '06:00'}]
                        location: Europe/Paris
                inhibit_rules:
                  - source_matchers: [severity="critical"]
                    target_match: {severity: warning}
                    equal: [alertname]
                receivers:
                  - name: ops
                    webhook_configs:
                      - url: https://hooks.example.com/alerts
                        max_alerts: 10
                  - name: db
                  - name: chat
                    slack_configs:
                      - channel: '#ops'
                        title: Disk full
                """);
        assertEquals(Duration.ofMinutes(1), config.global().resolveTimeout());
        Route root = config.route();
        assertEquals("{}", root.key());
        assertEquals(Duration.ofSeconds(30), root.options().groupWait());
        assertEquals(Duration.ofHours(4), root.options().repeatInterval());
        Route db = root.routes().get(0);
        assertEquals("{}/{env=~\"prod.*\",service=~\"db|cache\",team!=\"web\",tier=\"data\"}", db.key());
        assertEquals("route.routes[0]", db.path());
        assertTrue(db.continueMatching());
        assertTrue(db.options().groupByAll());
        assertEquals(Duration.ZERO, db.options().groupWait());
        assertEquals(Duration.ofMinutes(10), db.options().groupInterval());
        assertEquals(List.of("nights"), db.options().muteTimeIntervals());
        assertEquals(List.of("weekdays"), db.options().activeTimeIntervals());
        Route chat = root.routes().get(1);
        assertEquals(List.of("alertname"), chat.options().groupBy());
        assertEquals(List.of(), chat.options().muteTimeIntervals());
        assertEquals(2, config.timeIntervals().size());
        assertEquals("{severity=\"critical\"}", config.inhibitRules().get(0).source().toString());
        assertEquals("{severity=\"warning\"}", config.inhibitRules().get(0).target().toString());
        WebhookConfig webhook = config.receivers().get("ops").webhooks().get(0);
        assertEquals(new WebhookConfig(URI.create("https://hooks.example.com/alerts"), true, 10,
                new HttpConfig(false)), webhook);
        SlackConfig slack = config.receivers().get("chat").slacks().get(0);
        assertEquals(new SlackConfig(URI.create("https://hooks.slack.example/services/T/B/X"), Optional.of("#ops"),
                "Alertmanager", Optional.of("Disk full"), "", Optional.empty(), false, new HttpConfig(false)), slack);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("receivers: [{name: a}]\n", "", 1, 1, "no route provided in config"),
                Arguments.of("route: {group_by: [a]}\n" + RECEIVERS, "route", 1, 8,
                        "root route must specify a default receiver"),
                Arguments.of("route: {receiver: ops, match: {a: b}}\n" + RECEIVERS, "route.match", 1, 31,
                        "root route must not have any matchers"),
                Arguments.of("route: {receiver: nobody}\n" + RECEIVERS, "route.receiver", 1, 19,
                        "undefined receiver \"nobody\" used in route"),
                Arguments.of("route:\n  receiver: ops\n  routes:\n    - receiver: nobody\n" + RECEIVERS,
                        "route.routes[0].receiver", 4, 17, "undefined receiver \"nobody\" used in route"),
                Arguments.of("route:\n  receiver: ops\n  routes:\n    - mute_time_intervals: [never]\n" + RECEIVERS,
                        "route.routes[0].mute_time_intervals[0]", 4, 29,
                        "undefined time interval \"never\" used in route"),
                Arguments.of("route: {receiver: ops, group_interval: 0s}\n" + RECEIVERS, "route.group_interval", 1,
                        40, "group_interval cannot be zero"),
                Arguments.of("route: {receiver: ops, repeat_interval: 0}\n" + RECEIVERS, "route.repeat_interval", 1,
                        41, "repeat_interval cannot be zero"),
                Arguments.of("route: {receiver: ops, group_wait: soon}\n" + RECEIVERS, "route.group_wait", 1, 36,
                        "'soon' is not a duration"),
                Arguments.of("route: {receiver: ops, group_by: [a, a]}\n" + RECEIVERS, "route.group_by[1]", 1, 38,
                        "duplicated label \"a\" in group_by"),
                Arguments.of("route: {receiver: ops, group_by: ['...', a]}\n" + RECEIVERS, "route.group_by", 1, 34,
                        "cannot have wildcard group_by"),
                Arguments.of("route: {receiver: ops, group_by: [a-b]}\n" + RECEIVERS, "route.group_by[0]", 1, 35,
                        "invalid label name \"a-b\" in group_by list"),
                Arguments.of("route:\n  receiver: ops\n  routes: [{matchers: ['a=~\"(?=x)\"']}]\n" + RECEIVERS,
                        "route.routes[0].matchers[0]", 3, 24, "which RE2 does not support"),
                Arguments.of("route:\n  receiver: ops\n  routes: [{match_re: {a: '(x'}}]\n" + RECEIVERS,
                        "route.routes[0].match_re.a", 3, 27, "invalid regular expression"),
                Arguments.of("route:\n  receiver: ops\n  routes: [{match: {a-b: x}}]\n" + RECEIVERS,
                        "route.routes[0].match.a-b", 3, 21, "invalid label name \"a-b\""),
                Arguments.of("route:\n  receiver: ops\n  routes: [{recevier: ops}]\n" + RECEIVERS,
                        "route.routes[0].recevier", 3, 13, "unknown field 'recevier'"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops}, {name: ops}]\n", "receivers[1].name",
                        2, 33, "notification config name \"ops\" is not unique"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{webhook_configs: []}]\n", "receivers[0]", 2, 13,
                        "missing name in receiver"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, webhook_configs: [{}]}]\n",
                        "receivers[0].webhook_configs[0]", 2, 43, "one of url or url_file must be configured"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, webhook_configs: [{url: 'file:///etc/passwd'}]}]\n",
                        "receivers[0].webhook_configs[0].url", 2, 49, "unsupported scheme \"file\" for URL"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, webhook_configs: [{url: 'http://'}]}]\n",
                        "receivers[0].webhook_configs[0].url", 2, 49, "invalid URL"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, webhook_configs: [{url: 'http://h', max_alerts: -1}]}]\n",
                        "receivers[0].webhook_configs[0].max_alerts", 2, 73, "max_alerts cannot be negative"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, slack_configs: [{channel: x}]}]\n",
                        "receivers[0].slack_configs[0]", 2, 41, "no global Slack API URL set"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, slack_configs: [{api_url: 'http://h', title: '{{ .Status }}'}]}]\n",
                        "receivers[0].slack_configs[0].title", 2, 70, "Go templates are not supported by Opsplane"),
                Arguments.of("route: {receiver: ops}\nreceivers: [{name: ops, email_configs: [{to: a@b}]}]\n",
                        "receivers[0].email_configs", 2, 25, "the field 'email_configs' is not supported by Opsplane"),
                Arguments.of("global: {http_config: {basic_auth: {username: u}}}\nroute: {receiver: ops}\n" + RECEIVERS,
                        "global.http_config.basic_auth", 1, 24, "the field 'basic_auth' is not supported by Opsplane"),
                Arguments.of("templates: ['x.tmpl']\nroute: {receiver: ops}\n" + RECEIVERS, "templates", 1, 1,
                        "the field 'templates' is not supported by Opsplane"),
                Arguments.of("route: {receiver: ops}\nstorage: {}\n" + RECEIVERS, "storage", 2, 1,
                        "unknown field 'storage'"),
                Arguments.of("route: {receiver: ops}\ninhibit_rules: [{equal: [a.b]}]\n" + RECEIVERS,
                        "inhibit_rules[0].equal[0]", 2, 26, "invalid label name \"a.b\" in equal"),
                Arguments.of("route: {receiver: ops}\ninhibit_rules: [{source_matchers: ['a']}]\n" + RECEIVERS,
                        "inhibit_rules[0].source_matchers[0]", 2, 36, "bad matcher format: a"),
                Arguments.of("route: {receiver: ops}\ntime_intervals: [{name: t}]\nmute_time_intervals: [{name: t}]\n"
                        + RECEIVERS, "time_intervals[0].name", 2, 25, "time interval \"t\" is not unique"),
                Arguments.of(intervals("times: [{start_time: '10:00', end_time: '09:00'}]"),
                        "time_intervals[0].time_intervals[0].times[0].end_time", 3, 73,
                        "start time cannot be equal or greater than end time"),
                Arguments.of(intervals("times: [{start_time: '24:01', end_time: '25:00'}]"),
                        "time_intervals[0].time_intervals[0].times[0].start_time", 3, 54,
                        "invalid time of day '24:01'"),
                Arguments.of(intervals("weekdays: ['friday:monday']"),
                        "time_intervals[0].time_intervals[0].weekdays[0]", 3, 44,
                        "the range 'friday:monday' ends before it begins"),
                Arguments.of(intervals("weekdays: [funday]"), "time_intervals[0].time_intervals[0].weekdays[0]", 3,
                        44, "'funday' is not a weekday"),
                Arguments.of(intervals("days_of_month: ['0']"),
                        "time_intervals[0].time_intervals[0].days_of_month[0]", 3, 49, "0 is not a day of the month"),
                Arguments.of(intervals("days_of_month: ['-1:-3']"),
                        "time_intervals[0].time_intervals[0].days_of_month[0]", 3, 49, "ends before it begins"),
                Arguments.of(intervals("days_of_month: ['32']"),
                        "time_intervals[0].time_intervals[0].days_of_month[0]", 3, 49,
                        "'32' is not a day of the month (-31 to 31)"),
                Arguments.of(intervals("months: ['13']"), "time_intervals[0].time_intervals[0].months[0]", 3, 42,
                        "'13' is not a month (1 to 12)"),
                Arguments.of(intervals("months: [smarch]"), "time_intervals[0].time_intervals[0].months[0]", 3, 42,
                        "'smarch' is not a month"),
                Arguments.of(intervals("years: ['2022:2020']"), "time_intervals[0].time_intervals[0].years[0]", 3,
                        41, "ends before it begins"),
                Arguments.of(intervals("location: Mars/Olympus"), "time_intervals[0].time_intervals[0].location", 3,
                        43, "unknown time zone 'Mars/Olympus'"),
                Arguments.of(intervals("location: Local"), "time_intervals[0].time_intervals[0].location", 3, 43,
                        "the location 'Local' depends on the server"),
                Arguments.of(intervals("hours: [1]"), "time_intervals[0].time_intervals[0].hours", 3, 33,
                        "unknown field 'hours'"));
    }

    private static String intervals(String period) {
        return "route: {receiver: ops}\ntime_intervals:\n  - {name: t, time_intervals: [{" + period + "}]}\n"
                + RECEIVERS;
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @MethodSource("refusals")
    void refusesWithThePathLineAndColumn(String yaml, String path, int line, int column, String problem) {
        YamlException e = assertThrows(YamlException.class, () -> AlertmanagerConfigReader.read(yaml));
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertEquals(path, e.path(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }

    @Test
    void aSlackConfigUsesTheGlobalApiUrlAndHttpConfigWhenItHasNone() {
        AlertmanagerConfig config = AlertmanagerConfigReader.read("""
                global: {slack_api_url: 'https://hooks.slack.example/x'}
                route: {receiver: chat}
                receivers: [{name: chat, slack_configs: [{send_resolved: true, color: warning}]}]
                """);
        SlackConfig slack = config.receivers().get("chat").slacks().get(0);
        assertEquals(URI.create("https://hooks.slack.example/x"), slack.apiUrl());
        assertTrue(slack.sendResolved());
        assertEquals(Optional.of("warning"), slack.color());
        assertTrue(slack.httpConfig().followRedirects());
        assertFalse(config.receivers().get("chat").slacks().isEmpty());
    }

    @Test
    void theConfigurationNamesAnUnsafeReceiverUrlWhereItIsWritten() {
        YamlException e = assertThrows(YamlException.class, () -> AlertmanagerConfigReader.read("""
                route: {receiver: r}
                receivers:
                  - name: r
                    webhook_configs:
                      - url: http://169.254.169.254/latest
                """));
        assertEquals("receivers[0].webhook_configs[0].url", e.path());
        assertEquals(5, e.line());
        assertEquals(14, e.column());
        assertTrue(e.problem().contains("169.254.0.0/16"), e.problem());
        AlertmanagerConfigReader.read("route: {receiver: r}\nreceivers: [{name: r, webhook_configs: "
                + "[{url: 'http://10.0.0.7/hook'}]}]\n", new ReceiverUrlPolicy(Set.of(),
                List.of(Cidr.parse("10.0.0.0/24"))));
    }
}
