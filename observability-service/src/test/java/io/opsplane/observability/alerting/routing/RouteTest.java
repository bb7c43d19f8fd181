package io.opsplane.observability.alerting.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import io.opsplane.observability.alerting.support.Labels;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing tree of Alertmanager's {@code dispatch/route_test.go}, walked for many label sets. */
class RouteTest {

    private static final Route ROOT = AlertmanagerConfigReader.read("""
            route:
              receiver: notify-def
              group_by: [alertname]
              routes:
                - matchers: [owner="team-A"]
                  receiver: notify-A
                  routes:
                    - matchers: [env="testing"]
                      receiver: notify-testing
                      group_by: ['...']
                    - matchers: [env="production"]
                      receiver: notify-productionA
                      group_wait: 1m
                      continue: true
                    - matchers: [env=~"produ.*", job=~".*"]
                      receiver: notify-productionB
                      group_wait: 30s
                      group_interval: 5m
                      repeat_interval: 1h
                      group_by: [job]
                - matchers: [owner=~"team-(B|C)"]
                  group_by: [foo, bar]
                  group_wait: 2m
                  receiver: notify-BC
                - matchers: [group_by="role"]
                  group_by: [role]
                  routes:
                    - matchers: [env="testing"]
                      receiver: notify-testing
                      routes:
                        - matchers: [wait="long"]
                          group_wait: 2m
            receivers:
              - name: notify-def
              - name: notify-A
              - name: notify-testing
              - name: notify-productionA
              - name: notify-productionB
              - name: notify-BC
            """).route();

    /** Each row: labels; the receivers of the matched routes; their group_by; their group_wait; their keys. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            owner=team-A                       ; notify-A ; alertname ; PT30S ; {}/{owner="team-A"}
            owner=team-A env=unset             ; notify-A ; alertname ; PT30S ; {}/{owner="team-A"}
            owner=team-C                       ; notify-BC ; foo,bar ; PT2M ; {}/{owner=~"team-(B|C)"}
            owner=team-A env=testing           ; notify-testing ; ... ; PT30S ; {}/{owner="team-A"}/{env="testing"}
            owner=team-A env=production        ; notify-productionA notify-productionB ; alertname job ; PT1M PT30S ; {}/{owner="team-A"}/{env="production"} {}/{owner="team-A"}/{env=~"produ.*",job=~".*"}
            group_by=role                      ; notify-def ; role ; PT30S ; {}/{group_by="role"}
            group_by=role env=testing          ; notify-testing ; role ; PT30S ; {}/{group_by="role"}/{env="testing"}
            group_by=role env=testing wait=long ; notify-testing ; role ; PT2M ; {}/{group_by="role"}/{env="testing"}/{wait="long"}
            owner=team-Z                       ; notify-def ; alertname ; PT30S ; {}
            -                                  ; notify-def ; alertname ; PT30S ; {}
            """)
    void matchesDepthFirstWithContinueAndInheritedOptions(String labels, String receivers, String groupBy,
            String groupWait, String keys) {
        var routes = ROOT.match(Labels.parse(labels));
        assertEquals(receivers, routes.stream().map(r -> r.options().receiver()).collect(Collectors.joining(" ")));
        assertEquals(groupBy, routes.stream()
                .map(r -> r.options().groupByAll() ? "..." : String.join(",", r.options().groupBy()))
                .collect(Collectors.joining(" ")));
        assertEquals(groupWait, routes.stream().map(r -> r.options().groupWait().toString())
                .collect(Collectors.joining(" ")));
        assertEquals(keys, routes.stream().map(Route::key).collect(Collectors.joining(" ")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            owner=team-A alertname=X env=testing job=j ; {alertname=X, env=testing, job=j, owner=team-A}
            owner=team-A env=production job=j alertname=Y ; {job=j}
            owner=team-C foo=1                         ; {foo=1}
            owner=team-Z                               ; {}
            """)
    void groupsByTheRoutesLabels(String labels, String groupLabels) {
        var route = ROOT.match(Labels.parse(labels));
        assertEquals(groupLabels, route.get(route.size() - 1).groupLabels(Labels.parse(labels)).toString());
    }
}
