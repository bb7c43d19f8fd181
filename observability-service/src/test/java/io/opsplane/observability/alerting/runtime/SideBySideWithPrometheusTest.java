package io.opsplane.observability.alerting.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.proto.observability.v1.AlertManagerServiceGrpc;
import io.opsplane.proto.observability.v1.DeleteRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.GetConfigRequest;
import io.opsplane.proto.observability.v1.ListRuleAlertsRequest;
import io.opsplane.proto.observability.v1.ListRulesRequest;
import io.opsplane.proto.observability.v1.PutConfigRequest;
import io.opsplane.proto.observability.v1.PutRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.RuleAlert;
import io.opsplane.proto.observability.v1.RuleGroupStatus;
import io.opsplane.proto.observability.v1.RuleStatus;
import io.opsplane.proto.observability.v1.RulesServiceGrpc;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.PeerAlertmanager;
import io.opsplane.testing.PeerPrometheus;
import io.opsplane.testing.RemoteWrite;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Side by side with the reference: the same metrics and the same rule file in a Prometheus 2.42 of the test's own
 * (scraping a {@link GaugeExporter}) and in Opsplane (its store holds the same series, pushed by remote write with
 * the labels the scrape adds), the same Alertmanager configuration in an Alertmanager 0.25 of the test's own and in
 * Opsplane's alert manager, both webhooks pointing at one {@link WebhookReceiver} under a path per side. The
 * gauges go over the thresholds and back: the same alerts fire with the same labels, annotations and values (the
 * peer's {@code /api/v1/alerts} against {@code ListRuleAlerts}), the rules report the same query (as Prometheus
 * prints it), state and health, and the same notifications arrive, firing and resolved, compared as the bytes that
 * were posted.
 *
 * <p>What is made equal or left out before comparing, and why:
 * <ul>
 *   <li>{@code startsAt} and {@code endsAt} of each alert in a payload, unless Go's zero time, and the alerts'
 *   {@code activeAt} and the rules' evaluation times in the rules APIs (not compared): they are the moments each
 *   side's evaluation saw the change, which differ by up to a scrape and an evaluation interval;</li>
 *   <li>the webhook URL in the two Alertmanager configurations (one path per side): the only way to tell the two
 *   senders' posts apart. No payload contains it.</li>
 * </ul>
 * Nothing else. The external URLs are configured the same on both sides instead (the peer Prometheus's
 * {@code --web.external-url} is Opsplane's generator URL base, the peer Alertmanager's is Opsplane's
 * {@code opsplane.alertmanager.external-url}), so {@code generatorURL} and {@code externalURL} are compared as
 * they are, and so are receiver names, group keys and fingerprints; the peer's {@code external_labels} are
 * Opsplane's {@code opsplane.rules.external-labels}. When several alerts of a group become firing
 * or resolved one after the other, either side may notify the group with some of them first: the notifications
 * compared are those that hold every alert of their group in the awaited status ("settled").
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(value = MetricsStoreTestResource.class,
        initArgs = @ResourceArg(name = "store", value = MetricsStoreTestResource.OWN_PROMETHEUS))
@WithTestResource(SideBySideWithPrometheusTest.ExternalLabels.class)
class SideBySideWithPrometheusTest {

    /** Prometheus's {@code external_labels}, the same on both sides. */
    public static class ExternalLabels implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("opsplane.rules.external-labels.region", "eu-1");
        }

        @Override
        public void stop() {
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAMESPACE = "side-by-side";
    private static final String JOB = "shop";
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final Pattern TIMES = Pattern.compile("\"(startsAt|endsAt)\":\"([^\"]*)\"");

    /**
     * Grouping matters: two queues of one team, one of another; two mounts in one group, one post of at most one. An
     * alert on a recording rule's result of the same group.
     */
    private static final String RULES = """
            groups:
              - name: queues
                interval: 1s
                rules:
                  - alert: QueueBacklog
                    expr: |
                      max by (queue, team) (
                        sbs_queue_depth{queue!='dead-letter'}
                      ) > 100
                    for: 2s
                    labels:
                      severity: warning
                      component: 'queue-{{ $labels.queue }}'
                    annotations:
                      summary: 'Queue {{ $labels.queue }} holds {{ $value }} messages'
                      runbook: '{{ $externalURL }}/runbooks/queues?region={{ $externalLabels.region }}'
                      description: >-
                        {{ $labels.queue }} of team {{ $labels.team }}: {{ humanize $value }} messages
                        waiting, > 100 & growing
              - name: teams
                interval: 1s
                rules:
                  - record: team:sbs_queue_depth:sum
                    expr: sum without (instance, job, queue) (sbs_queue_depth)
                  - alert: TeamBacklog
                    expr: team:sbs_queue_depth:sum > 1000
                    labels:
                      severity: warning
                    annotations:
                      summary: 'Team {{ $labels.team }} has {{ $value | humanize }} messages queued'
              - name: disks
                interval: 1s
                rules:
                  - alert: DiskFilling
                    expr: sbs_disk_free_bytes{mount=~"/var|/data"} < 1e9
                    for: 1s
                    labels:
                      severity: page
                    annotations:
                      summary: '{{ $labels.mount }} on {{ $labels.instance }} has {{ humanize1024 $value }}B free'
                      ratio: '{{ printf "%.2f" $value }} bytes'
            """;

    private static GaugeExporter exporter;
    private static WebhookReceiver receiver;
    private static PeerAlertmanager alertmanager;
    private static PeerPrometheus prometheus;
    private static ScheduledExecutorService pusher;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @GrpcClient("self")
    RulesServiceGrpc.RulesServiceBlockingStub rulesUnauthenticated;

    @GrpcClient("self")
    AlertManagerServiceGrpc.AlertManagerServiceBlockingStub alertsUnauthenticated;

    /** The route of both sides; {@code side} is the path prefix of its webhooks. */
    private static String alertmanagerConfig(String side) {
        return """
                route:
                  receiver: team-hook
                  group_by: [alertname, team]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                  routes:
                    - matchers: [severity="page"]
                      receiver: pager
                receivers:
                  - name: team-hook
                    webhook_configs:
                      - url: '%1$s'
                        send_resolved: true
                  - name: pager
                    webhook_configs:
                      - url: '%2$s'
                        send_resolved: true
                        max_alerts: 1
                """.formatted(receiver.url("/" + side + "/team"), receiver.url("/" + side + "/pager"));
    }

    @BeforeAll
    static void startThePeers() throws Exception {
        exporter = new GaugeExporter();
        setBelowThresholds();
        receiver = new WebhookReceiver();
        Config config = ConfigProvider.getConfig();
        String store = config.getValue("opsplane.metrics.url", String.class);
        String generatorBase = config.getOptionalValue("opsplane.rules.external-url", String.class).orElse(store);
        alertmanager = PeerAlertmanager.start(alertmanagerConfig("peer"), List.of("--web.external-url="
                + config.getValue("opsplane.alertmanager.external-url", String.class)));
        prometheus = PeerPrometheus.start("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                  external_labels:
                    region: eu-1
                rule_files: [rules.yml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['%s']
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(alertmanager.address(), JOB, exporter.address()), Map.of("rules.yml", RULES),
                List.of("--web.external-url=" + generatorBase));
        // Opsplane's store gets what the peer scrapes, four times a second.
        pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> {
            try {
                RemoteWrite.push(store, exporter.series(JOB, System.currentTimeMillis()));
            } catch (RuntimeException e) {
                // the next push tries again
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stopThePeers() {
        for (AutoCloseable each : new AutoCloseable[] {prometheus, alertmanager, receiver, exporter}) {
            try {
                if (each != null) {
                    each.close();
                }
            } catch (Exception e) {
                // best effort: the processes end with the test run either way
            }
        }
        if (pusher != null) {
            pusher.shutdownNow();
        }
    }

    private static void setBelowThresholds() {
        exporter.set("sbs_queue_depth", Map.of("queue", "orders", "team", "shop"), 10);
        exporter.set("sbs_queue_depth", Map.of("queue", "payments", "team", "shop"), 20);
        exporter.set("sbs_queue_depth", Map.of("queue", "emails", "team", "comms"), 5);
        exporter.set("sbs_queue_depth", Map.of("queue", "dead-letter", "team", "shop"), 500);
        exporter.set("sbs_disk_free_bytes", Map.of("mount", "/var"), 5e10);
        exporter.set("sbs_disk_free_bytes", Map.of("mount", "/data"), 6e10);
        exporter.set("sbs_disk_free_bytes", Map.of("mount", "/boot"), 1e8);
    }

    private static void setAboveThresholds() {
        exporter.set("sbs_queue_depth", Map.of("queue", "orders", "team", "shop"), 150);
        exporter.set("sbs_queue_depth", Map.of("queue", "payments", "team", "shop"), 2400);
        exporter.set("sbs_queue_depth", Map.of("queue", "emails", "team", "comms"), 130.5);
        exporter.set("sbs_disk_free_bytes", Map.of("mount", "/var"), 524288000);
        exporter.set("sbs_disk_free_bytes", Map.of("mount", "/data"), 123456789);
    }

    /** The notifications that settle each group: path under the side's prefix and group key, to alerts sent. */
    private static final Map<String, Integer> GROUPS = Map.of(
            "team {}:{alertname=\"QueueBacklog\", team=\"shop\"}", 2,
            "team {}:{alertname=\"QueueBacklog\", team=\"comms\"}", 1,
            "team {}:{alertname=\"TeamBacklog\", team=\"shop\"}", 1,
            "pager {}/{severity=\"page\"}:{alertname=\"DiskFilling\"}", 2);

    @Test
    void theSameAlertsFireAndTheSameNotificationsArrive() throws Exception {
        RulesServiceGrpc.RulesServiceBlockingStub rules = TestPrincipals.as(TestPrincipals.admin(),
                rulesUnauthenticated);
        AlertManagerServiceGrpc.AlertManagerServiceBlockingStub alertManager = TestPrincipals.as(
                TestPrincipals.admin(), alertsUnauthenticated);
        String previous = alertManager.getConfig(GetConfigRequest.getDefaultInstance()).getYaml();
        alertManager.putConfig(PutConfigRequest.newBuilder().setYaml(alertmanagerConfig("opsplane")).build());
        rules.putRuleNamespace(PutRuleNamespaceRequest.newBuilder().setNamespace(NAMESPACE).setYaml(RULES).build());
        try {
            // Below the thresholds, both have evaluated every rule on the data: healthy and inactive.
            eventually("both sides evaluating the rules on the gauges", () -> {
                List<String> peer = peerRules();
                List<String> own = opsplaneRules(rules);
                return peer.size() == 3 && peer.equals(own) && peer.stream().allMatch(r -> r.contains("health=ok"))
                        && peerSeries() == 7 ? peer : null;
            });
            assertEquals(peerRules(), opsplaneRules(rules));

            setAboveThresholds();
            List<String> peerFiring = eventually("six firing alerts at the peer Prometheus", () -> {
                List<String> alerts = peerAlerts();
                return alerts.size() == 6 && alerts.stream().allMatch(a -> a.startsWith("firing ")) ? alerts : null;
            });
            List<String> ownFiring = eventually("six firing alerts in Opsplane", () -> {
                List<String> alerts = opsplaneAlerts(rules);
                return alerts.size() == 6 && alerts.stream().allMatch(a -> a.startsWith("firing ")) ? alerts : null;
            });
            assertEquals(peerFiring, ownFiring, "the alerts of the rules API");
            assertEquals(peerRules(), opsplaneRules(rules), "the rules' state and health");
            compareSettled("firing");

            setBelowThresholds();
            compareSettled("resolved");
            assertEquals(groupsPostedTo("peer"), groupsPostedTo("opsplane"), "the groups notified");
        } finally {
            rules.deleteRuleNamespace(DeleteRuleNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
            // Later tests' alerts must not be routed to this test's receiver, gone by then.
            alertManager.putConfig(PutConfigRequest.newBuilder().setYaml(previous).build());
        }
    }

    /** Waits for the settled notification of each group on both sides and compares them. */
    private static void compareSettled(String status) throws Exception {
        for (Map.Entry<String, Integer> group : new TreeMap<>(GROUPS).entrySet()) {
            String[] pathAndKey = group.getKey().split(" ", 2);
            Predicate<JsonObject> settled = body -> body.getString("groupKey").equals(pathAndKey[1])
                    && body.getString("status").equals(status)
                    && body.getJsonArray("alerts").size() + body.getInteger("truncatedAlerts") == group.getValue();
            String peer = normalised(receiver.await("/peer/" + pathAndKey[0], settled, WAIT).text());
            String own = normalised(receiver.await("/opsplane/" + pathAndKey[0], settled, WAIT).text());
            assertEquals(peer, own, status + " notification of " + group.getKey());
        }
    }

    /** The groups each side's posts were for: path, group key and status, sorted. */
    private static List<String> groupsPostedTo(String side) {
        return new ArrayList<>(new TreeSet<>(receiver.all().stream()
                .filter(each -> each.path().startsWith("/" + side + "/"))
                .map(each -> each.path().substring(side.length() + 2) + " " + each.body().getString("groupKey") + " "
                        + each.body().getString("status"))
                .toList()));
    }

    /** The payload as posted, with the alerts' times other than Go's zero time replaced. */
    static String normalised(String payload) {
        Matcher times = TIMES.matcher(payload);
        StringBuilder out = new StringBuilder();
        while (times.find()) {
            String value = times.group(2).equals(ZERO_TIME) ? ZERO_TIME : "<time>";
            times.appendReplacement(out, Matcher.quoteReplacement("\"" + times.group(1) + "\":\"" + value + "\""));
        }
        return times.appendTail(out).toString();
    }

    // ------------------------------------------------------------------ the peer Prometheus's API

    private static JsonObject peerApi(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body()).getJsonObject("data");
    }

    private static int peerSeries() throws Exception {
        return peerApi("/api/v1/query?query=" + java.net.URLEncoder.encode("{__name__=~\"sbs_.*\"}",
                java.nio.charset.StandardCharsets.UTF_8)).getJsonArray("result").size();
    }

    /** Each alert as "state labels annotations value", sorted. */
    private static List<String> peerAlerts() throws Exception {
        List<String> alerts = new ArrayList<>();
        for (Object each : peerApi("/api/v1/alerts").getJsonArray("alerts")) {
            JsonObject alert = (JsonObject) each;
            alerts.add(alert(alert.getString("state"), strings(alert.getJsonObject("labels")),
                    strings(alert.getJsonObject("annotations")), Double.parseDouble(alert.getString("value"))));
        }
        return alerts.stream().sorted().toList();
    }

    /** Each alerting rule as "group/name query=… health=… state=… for=… labels annotations", sorted. */
    private static List<String> peerRules() throws Exception {
        List<String> rules = new ArrayList<>();
        for (Object g : peerApi("/api/v1/rules?type=alert").getJsonArray("groups")) {
            JsonObject group = (JsonObject) g;
            for (Object r : group.getJsonArray("rules")) {
                JsonObject rule = (JsonObject) r;
                rules.add(rule(group.getString("name"), rule.getString("name"), rule.getString("query"),
                        rule.getString("health"), rule.getString("state"), rule.getLong("duration"),
                        strings(rule.getJsonObject("labels")), strings(rule.getJsonObject("annotations"))));
            }
        }
        return rules.stream().sorted().toList();
    }

    private static Map<String, String> strings(JsonObject object) {
        Map<String, String> map = new TreeMap<>();
        if (object != null) {
            object.forEach(entry -> map.put(entry.getKey(), (String) entry.getValue()));
        }
        return map;
    }

    // ------------------------------------------------------------------ Opsplane's rules API

    private static List<String> opsplaneAlerts(RulesServiceGrpc.RulesServiceBlockingStub rules) {
        return rules.listRuleAlerts(ListRuleAlertsRequest.getDefaultInstance()).getAlertsList().stream()
                .filter(alert -> alert.getNamespace().equals(NAMESPACE))
                .map((RuleAlert alert) -> alert(alert.getState(), new TreeMap<>(alert.getLabelsMap()),
                        new TreeMap<>(alert.getAnnotationsMap()), alert.getValue()))
                .sorted().toList();
    }

    private static List<String> opsplaneRules(RulesServiceGrpc.RulesServiceBlockingStub rules) {
        List<String> all = new ArrayList<>();
        for (RuleGroupStatus group : rules.listRules(ListRulesRequest.newBuilder().setNamespace(NAMESPACE)
                .setType("alert").build()).getGroupsList()) {
            for (RuleStatus rule : group.getRulesList()) {
                all.add(rule(group.getName(), rule.getRule().getName(), rule.getRule().getQuery(), rule.getHealth(),
                        rule.getState(), rule.getRule().getFor().getSeconds(),
                        new TreeMap<>(rule.getRule().getLabelsMap()), new TreeMap<>(rule.getRule().getAnnotationsMap())));
            }
        }
        return all.stream().sorted().toList();
    }

    private static String alert(String state, Map<String, String> labels, Map<String, String> annotations,
            double value) {
        return state + " " + labels + " " + annotations + " value=" + value;
    }

    private static String rule(String group, String name, String query, String health, String state,
            long forSeconds, Map<String, String> labels, Map<String, String> annotations) {
        return group + "/" + name + " query=" + query + " health=" + health + " state=" + state + " for=" + forSeconds
                + "s " + labels + " " + annotations;
    }

    private static <T> T eventually(String what, Callable<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T found = probe.call();
                if (found != null) {
                    return found;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not seen within " + WAIT + ": " + what + (last == null ? "" : " (" + last + ")")
                + "\nPrometheus log:\n" + prometheus.logTail() + "\nAlertmanager log:\n" + alertmanager.logTail());
    }
}
