package io.opsplane.observability.alerting.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.config.AlertmanagerConfig;
import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import io.opsplane.observability.alerting.inhibit.Inhibitor;
import io.opsplane.observability.alerting.matcher.MatcherParser;
import io.opsplane.observability.alerting.silence.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatcherTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final AlertmanagerConfig CONFIG = AlertmanagerConfigReader.read("""
            route:
              receiver: loud
              group_by: [alertname]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 10m
              routes:
                - matchers: [team="quiet"]
                  receiver: quiet
                - matchers: [team="nights"]
                  receiver: loud
                  mute_time_intervals: [night]
                - matchers: [team="days"]
                  receiver: loud
                  active_time_intervals: [day]
            time_intervals:
              - name: night
                time_intervals: [{times: [{start_time: '00:00', end_time: '06:00'}]}]
              - name: day
                time_intervals: [{times: [{start_time: '06:00', end_time: '18:00'}]}]
            receivers:
              - name: loud
                webhook_configs: [{url: 'https://hooks.example.com/loud'}]
              - name: quiet
                webhook_configs: [{url: 'https://hooks.example.com/quiet', send_resolved: false}]
            """);

    /**
     * A scenario is steps separated by "|": {@code <seconds> fire <instance>}, {@code fireold} (started an hour
     * earlier), {@code resolve}, {@code due <expected>} (delivered), {@code due! <expected>} (not delivered),
     * {@code restart} (export and restore the state). Expected notifications: "-" for none, else
     * {@code F:<firing> R:<resolved>} per notification joined by " / ".
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            waits group_wait then group_interval ; - ; - ; 0 fire a | 29 due - | 30 due F:a | 60 fire b | 329 due - | 330 due F:a,b | 630 due -
            repeats after repeat_interval ; - ; - ; 0 fire a | 30 due F:a | 330 due - | 630 due - | 930 due F:a | 1230 due -
            sends resolved alerts then forgets them ; - ; - ; 0 fire a | 30 due F:a | 100 resolve a | 330 due R:a | 630 due -
            without send_resolved only the firing ones ; - ; quiet ; 0 fire a | 0 fire b | 30 due F:a,b | 100 resolve a | 330 due - | 400 resolve b | 630 due -
            a new alert and a resolved one in one notification ; - ; - ; 0 fire a | 30 due F:a | 40 fire b | 50 resolve a | 330 due F:b R:a | 630 due - | 930 due - | 1230 due F:b
            fired and resolved within group_wait sends nothing ; - ; - ; 0 fire a | 10 resolve a | 30 due - | 330 due -
            an alert older than group_wait flushes at once ; - ; - ; 0 fireold a | 0 due F:a
            an undelivered notification is sent again ; - ; - ; 0 fire a | 30 due! F:a | 330 due F:a | 630 due -
            a restart goes on where it was ; - ; - ; 0 fire a | 30 due F:a | 40 fire b | restart | 330 due F:a,b | restart | 400 resolve a | restart | 630 due F:b R:a | restart | 930 due -
            a silenced alert is left out ; instance="a" ; - ; 0 fire a | 30 due - | 40 fire b | 330 due F:b
            a mute time interval skips the notification ; - ; nights ; 0 fire a | 30 due - | 21600 due F:a
            outside its active time intervals a route sends nothing ; - ; days ; 0 fire a | 30 due - | 21600 due F:a | 64800 due -
            """)
    void followsAlertmanagersTimings(String name, String silence, String team, String steps) {
        Muting muting = new Muting(silence.equals("-") ? List.of()
                : List.of(new Silence("s", MatcherParser.parseAll(silence), T0, T0.plusSeconds(86_400), "me", "test")),
                new Inhibitor(CONFIG.inhibitRules()), CONFIG.timeIntervals());
        Dispatcher dispatcher = new Dispatcher(CONFIG);
        Map<String, Alert> alerts = new HashMap<>();
        for (String step : steps.split("\\|")) {
            String[] parts = step.trim().split(" ", 3);
            if (parts[0].equals("restart")) {
                dispatcher = Dispatcher.restore(CONFIG, dispatcher.export());
                continue;
            }
            Instant now = T0.plusSeconds(Long.parseLong(parts[0]));
            switch (parts[1]) {
                case "fire", "fireold" -> {
                    Alert alert = alert(parts[2], team, parts[1].equals("fire") ? now : now.minusSeconds(3600),
                            Optional.empty());
                    alerts.put(parts[2], alert);
                    dispatcher.receive(alert, now);
                }
                case "resolve" -> {
                    Alert firing = alerts.get(parts[2]);
                    Alert resolved = alert(parts[2], team, firing.startsAt(), Optional.of(now));
                    alerts.put(parts[2], resolved);
                    dispatcher.receive(resolved, now);
                }
                case "due", "due!" -> {
                    List<Notification> due = dispatcher.due(now, muting);
                    assertEquals(parts[2], describe(due, now), name + " at " + parts[0] + "s");
                    if (parts[1].equals("due")) {
                        due.forEach(dispatcher::delivered);
                    }
                }
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    private static Alert alert(String instance, String team, Instant startsAt, Optional<Instant> endsAt) {
        Map<String, String> labels = new HashMap<>(Map.of("alertname", "Disk", "instance", instance));
        if (!team.equals("-")) {
            labels.put("team", team);
        }
        return new Alert(labels, Map.of("summary", "disk full on " + instance), startsAt, endsAt, "");
    }

    private static String describe(List<Notification> notifications, Instant now) {
        if (notifications.isEmpty()) {
            return "-";
        }
        List<String> each = new ArrayList<>();
        for (Notification notification : notifications) {
            String firing = notification.alerts().stream().filter(a -> !a.resolvedAt(now))
                    .map(a -> a.labels().get("instance")).collect(Collectors.joining(","));
            String resolved = notification.alerts().stream().filter(a -> a.resolvedAt(now))
                    .map(a -> a.labels().get("instance")).collect(Collectors.joining(","));
            each.add(((firing.isEmpty() ? "" : "F:" + firing) + (resolved.isEmpty() ? "" : " R:" + resolved)).trim());
        }
        return String.join(" / ", each);
    }

    @Test
    void groupsByRouteAndGroupLabelsWithAlertmanagersGroupKey() {
        Dispatcher dispatcher = new Dispatcher(CONFIG);
        dispatcher.receive(new Alert(Map.of("alertname", "Disk", "instance", "a"), Map.of(), T0, Optional.empty(), ""), T0);
        dispatcher.receive(new Alert(Map.of("alertname", "Cpu", "instance", "a"), Map.of(), T0, Optional.empty(), ""), T0);
        dispatcher.receive(new Alert(Map.of("alertname", "Disk", "team", "quiet"), Map.of(), T0, Optional.empty(), ""), T0);
        assertEquals(Optional.of(T0.plusSeconds(30)), dispatcher.nextFlush());
        Muting none = new Muting(List.of(), new Inhibitor(List.of()), Map.of());
        List<String> keys = dispatcher.due(T0.plusSeconds(30), none).stream()
                .map(n -> n.groupKey() + " -> " + n.integration().receiver() + "/" + n.integration().name()).toList();
        assertEquals(List.of(
                "{}:{alertname=\"Disk\"} -> loud/webhook[0]",
                "{}:{alertname=\"Cpu\"} -> loud/webhook[0]",
                "{}/{team=\"quiet\"}:{alertname=\"Disk\"} -> quiet/webhook[0]"), keys);
    }

    @Test
    void aRestoredStateDropsGroupsOfRoutesThatNoLongerExist() {
        Dispatcher dispatcher = new Dispatcher(CONFIG);
        dispatcher.receive(new Alert(Map.of("alertname", "Disk", "team", "quiet"), Map.of(), T0, Optional.empty(), ""), T0);
        AlertmanagerConfig smaller = AlertmanagerConfigReader.read("route: {receiver: loud}\nreceivers: [{name: loud}]\n");
        assertTrue(Dispatcher.restore(smaller, dispatcher.export()).export().groups().isEmpty());
        assertEquals(1, Dispatcher.restore(CONFIG, dispatcher.export()).export().groups().size());
    }

    /**
     * A reload (as after a configuration put, every alert received again) regroups the alerts by the new routes:
     * the groups of the old configuration do not go out again under their old grouping, and a group whose key
     * did not change is not notified again of what it was told.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            new group_by and receiver regroup ; [alertname, instance] ; quiet ; quiet {}:{alertname="Disk", instance="a"} F:a / quiet {}:{alertname="Disk", instance="b"} F:b
            same route is not notified again  ; [alertname]           ; loud  ; -
            only the receiver changes         ; [alertname]           ; quiet ; quiet {}:{alertname="Disk"} F:a,b
            """)
    void aReloadRegroupsByTheNewRoutesAndKeepsTheNotificationLog(String name, String groupBy, String receiver,
            String expected) {
        Muting none = new Muting(List.of(), new Inhibitor(List.of()), Map.of());
        Dispatcher dispatcher = new Dispatcher(CONFIG);
        List<Alert> alerts = List.of(alert("a", "-", T0, Optional.empty()), alert("b", "-", T0, Optional.empty()));
        alerts.forEach(alert -> dispatcher.receive(alert, T0));
        List<Notification> first = dispatcher.due(T0.plusSeconds(30), none);
        assertEquals("F:a,b", describe(first, T0.plusSeconds(30)));
        first.forEach(dispatcher::delivered);

        AlertmanagerConfig changed = AlertmanagerConfigReader.read("""
                route: {receiver: %s, group_by: %s, group_wait: 30s, group_interval: 5m, repeat_interval: 10m}
                receivers:
                  - name: loud
                    webhook_configs: [{url: 'https://hooks.example.com/loud'}]
                  - name: quiet
                    webhook_configs: [{url: 'https://hooks.example.com/quiet'}]
                """.formatted(receiver, groupBy));
        Instant reloaded = T0.plusSeconds(60);
        Dispatcher next = Dispatcher.reload(changed, dispatcher.export());
        alerts.forEach(alert -> next.receive(alert, reloaded));
        List<String> sent = new ArrayList<>();
        for (Notification notification : next.due(reloaded, none)) {
            sent.add(notification.integration().receiver() + " " + notification.groupKey() + " "
                    + describe(List.of(notification), reloaded));
        }
        assertEquals(expected, sent.isEmpty() ? "-" : String.join(" / ", sent), name);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            plain        ; "plain"
            'say "hi"'   ; "say \\"hi\\""
            back\\slash  ; "back\\\\slash"
            é            ; "é"
            """)
    void quotesGroupLabelValuesAsGo(String value, String quoted) {
        assertEquals(quoted, GroupKey.goQuote(value));
    }
}
