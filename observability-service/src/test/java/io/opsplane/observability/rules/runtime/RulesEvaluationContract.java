package io.opsplane.observability.rules.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.runtime.ReceivedAlerts;
import io.opsplane.observability.metrics.PrometheusClient;
import io.opsplane.observability.metrics.RemoteWriter;
import io.opsplane.observability.service.RuleEvaluation;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import io.opsplane.proto.observability.v1.DeleteRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.GetRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.ListRuleAlertsRequest;
import io.opsplane.proto.observability.v1.ListRuleNamespacesRequest;
import io.opsplane.proto.observability.v1.ListRulesRequest;
import io.opsplane.proto.observability.v1.PutRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.RuleAlert;
import io.opsplane.proto.observability.v1.RuleGroupStatus;
import io.opsplane.proto.observability.v1.RuleNamespace;
import io.opsplane.proto.observability.v1.RuleStatus;
import io.opsplane.proto.observability.v1.RulesServiceGrpc;
import io.opsplane.testing.RemoteWrite;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule files through RulesService, evaluated against the real metrics store: samples pushed by remote write make an
 * alert go pending, firing and resolved, reaching the alert manager's intake; a recording rule's result is in the
 * store; state survives a restart of the evaluators; a second instance takes half of the groups and hands them back;
 * bad files are refused naming where, and nothing of them is stored. Each supported store runs these tests:
 * {@link RulesEvaluationTest} (Prometheus), {@link RulesEvaluationOnVictoriaMetricsTest}.
 */
abstract class RulesEvaluationContract {

    /** The store under test: {@code opsplane.metrics.url} as the test resource set it. */
    static String store() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("opsplane.metrics.url", String.class);
    }

    private static final String RUN = UUID.randomUUID().toString();
    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "prometheus-rules");
    private static volatile double value = 1;
    private static ScheduledExecutorService pusher;

    @GrpcClient("self")
    RulesServiceGrpc.RulesServiceBlockingStub unauthenticated;

    @Inject
    ReceivedAlerts received;

    @Inject
    RuleEvaluation evaluation;

    RulesServiceGrpc.RulesServiceBlockingStub rules;
    RulesServiceGrpc.RulesServiceBlockingStub viewer;

    /** The value series, pushed with the current time four times a second; two series for a failing match. */
    @BeforeAll
    static void pushSamples() {
        pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            try {
                RemoteWrite.push(store(), List.of(
                        new RemoteWrite.Series(Map.of("__name__", "opsplane_test_rule_value", "run", RUN),
                                List.of(new RemoteWrite.Sample(now, value))),
                        new RemoteWrite.Series(Map.of("__name__", "opsplane_test_rule_pair", "run", RUN, "side", "a"),
                                List.of(new RemoteWrite.Sample(now, 1))),
                        new RemoteWrite.Series(Map.of("__name__", "opsplane_test_rule_pair", "run", RUN, "side", "b"),
                                List.of(new RemoteWrite.Sample(now, 2)))));
            } catch (RuntimeException e) {
                // the next push tries again
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stopPushing() {
        pusher.shutdownNow();
    }

    @BeforeEach
    void callers() {
        rules = TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), unauthenticated);
        viewer = TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), unauthenticated);
    }

    private static String ruleFile() {
        return """
                groups:
                  - name: fast
                    interval: 1s
                    rules:
                      - alert: TestValueHigh
                        expr: opsplane_test_rule_value{run="%1$s"} > 5
                        for: 2s
                        labels:
                          severity: page
                        annotations:
                          summary: "value is {{ $value }} on {{ $labels.run }}"
                      - record: opsplane_test:doubled
                        expr: opsplane_test_rule_value{run="%1$s"} * 2
                        labels:
                          source: rule
                      - alert: TestBadMatch
                        expr: opsplane_test_rule_pair{run="%1$s"} + on(run) opsplane_test_rule_pair{run="%1$s"}
                """.formatted(RUN);
    }

    @Test
    void anAlertGoesPendingFiringAndResolvedIntoTheAlertManagerAndSurvivesARestart() throws Exception {
        String namespace = "test-" + RUN;
        value = 1;
        RuleNamespace put = rules.putRuleNamespace(PutRuleNamespaceRequest.newBuilder().setNamespace(namespace)
                .setYaml(ruleFile()).build());
        assertEquals(1, put.getVersion());
        assertEquals("fast", put.getGroups(0).getName());
        assertEquals(3, put.getGroups(0).getRulesCount());
        assertEquals(ruleFile(), viewer.getRuleNamespace(GetRuleNamespaceRequest.newBuilder().setNamespace(namespace)
                .build()).getYaml());

        // The recording rule's result is in the store; the bad match reports its error; nothing fires yet.
        PrometheusClient store = new PrometheusClient(store(), Duration.ofSeconds(10), 1000,
                Duration.ofSeconds(2));
        until("the recorded series", () -> {
            QueryResult result = store.query("opsplane_test:doubled{run=\"" + RUN + "\",source=\"rule\"}", null, null);
            return result.getSeriesCount() == 1 && result.getSeries(0).getSamples(0).getValue() == 2.0;
        });
        until("the failing rule's error", () -> {
            RuleStatus bad = rule(namespace, "TestBadMatch");
            // Prometheus: "found duplicate series for the match group"; VictoriaMetrics: "duplicate time series on
            // the left side".
            return bad.getHealth().equals("err") && bad.getLastError().matches("(?s).*duplicate (time )?series.*");
        });
        RuleStatus high = rule(namespace, "TestValueHigh");
        assertEquals("ok", high.getHealth());
        assertEquals("inactive", high.getState());
        assertTrue(high.hasLastEvaluation());

        // Above the threshold: pending, then firing after "for", and sent to the alert manager.
        value = 10;
        until("pending", () -> alertState(namespace).equals("pending"));
        until("firing", () -> alertState(namespace).equals("firing"));
        Alert sent = eventually("the alert at the alert manager", () -> receivedAlert().orElse(null));
        assertEquals("page", sent.labels().get("severity"));
        assertEquals(RUN, sent.labels().get("run"));
        assertEquals("value is 10 on " + RUN, sent.annotations().get("summary"));
        assertTrue(sent.endsAt().orElseThrow().isAfter(Instant.now()), "a firing alert is valid for a while");
        assertTrue(sent.generatorUrl().contains("/graph?g0.expr=opsplane_test_rule_value%7Brun%3D%22"),
                sent.generatorUrl());
        RuleAlert firing = firingAlert(namespace);

        // A restart: the evaluators are built anew from the database, and the alert keeps firing from when it did.
        evaluation.stop();
        assertEquals("firing", alertState(namespace), "the state is in the database");
        evaluation.start();
        evaluation.syncSoon();
        Instant restarted = Instant.now();
        until("an evaluation after the restart", () -> Timestamps.toInstant(rule(namespace, "TestValueHigh")
                .getLastEvaluation()).isAfter(restarted.plusSeconds(1)));
        RuleAlert afterRestart = firingAlert(namespace);
        assertEquals(firing.getActiveAt(), afterRestart.getActiveAt());
        assertEquals(firing.getFiredAt(), afterRestart.getFiredAt());

        // Below again: resolved, and the resolution reaches the alert manager.
        value = 0;
        until("resolved at the alert manager", () -> receivedAlert().map(a -> a.resolvedAt(Instant.now()))
                .orElse(false));
        until("no active alert", () -> viewer.listRuleAlerts(ListRuleAlertsRequest.getDefaultInstance())
                .getAlertsList().stream().noneMatch(a -> a.getNamespace().equals(namespace)));

        // The type filter, then deletion: nothing of the namespace is left.
        assertTrue(viewer.listRules(ListRulesRequest.newBuilder().setNamespace(namespace).setType("record").build())
                .getGroups(0).getRulesList().stream().allMatch(r -> r.getRule().getType().equals("recording")));
        assertEquals(2, rules.deleteRuleNamespace(DeleteRuleNamespaceRequest.newBuilder().setNamespace(namespace).build())
                .getVersion());
        StatusRuntimeException gone = assertThrows(StatusRuntimeException.class, () -> viewer.getRuleNamespace(
                GetRuleNamespaceRequest.newBuilder().setNamespace(namespace).build()));
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
        until("the group stopped", () -> evaluation.evaluators().ownedGroups().stream()
                .noneMatch(key -> key.startsWith(namespace + "/")));
        assertEquals(0, viewer.listRules(ListRulesRequest.newBuilder().setNamespace(namespace).build()).getGroupsCount());
    }

    @Test
    void twoInstancesSplitTheGroupsAndTheSurvivorTakesThemOver() throws Exception {
        String namespace = "split-" + RUN;
        String file = "groups:\n" + IntStream.range(0, 20).mapToObj(i -> """
                  - name: g%d
                    interval: 1s
                    rules:
                      - record: opsplane_test:split_%d
                        expr: vector(%d)
                        labels:
                          run: "%s"
                """.formatted(i, i, i, RUN)).collect(Collectors.joining());
        rules.putRuleNamespace(PutRuleNamespaceRequest.newBuilder().setNamespace(namespace).setYaml(file).build());
        Set<String> all = IntStream.range(0, 20).mapToObj(i -> namespace + "/g" + i).collect(Collectors.toSet());
        RuleEvaluators self = evaluation.evaluators();
        until("this instance alone evaluates every group", () -> self.ownedGroups().containsAll(all));

        PrometheusClient store = new PrometheusClient(store(), Duration.ofSeconds(10), 1000,
                Duration.ofSeconds(2));
        RemoteWriter writer = new RemoteWriter(store(), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        GroupRunner.Output output = new GroupRunner.Output() {
            @Override
            public void write(List<RemoteWriteBody.Series> series) {
                writer.write(series);
            }

            @Override
            public void send(List<Alert> alerts, Instant at) {
                received.accept(alerts, at);
            }
        };
        RuleEvaluators other = new RuleEvaluators("other-" + RUN, evaluation.repository(),
                InstantQueries.of((expr, at) -> store.query(expr, at, null)), output, Clock.systemUTC(),
                new RuleEvaluators.Settings(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(3),
                        "http://127.0.0.1", Map.of(), 2));
        try {
            other.sync();
            until("the groups split between the two", () -> {
                Set<String> mine = ownedIn(self, namespace);
                Set<String> theirs = ownedIn(other, namespace);
                Set<String> union = new HashSet<>(mine);
                union.addAll(theirs);
                return !mine.isEmpty() && !theirs.isEmpty() && union.equals(all)
                        && mine.stream().noneMatch(theirs::contains);
            });
            // The other instance stops renewing its heartbeat: after the TTL this one takes every group back.
            until("this instance takes over", () -> self.ownedGroups().containsAll(all));
        } finally {
            other.close();
            rules.deleteRuleNamespace(DeleteRuleNamespaceRequest.newBuilder().setNamespace(namespace).build());
        }
    }

    @Test
    void corpusFilesLoadUnchanged() throws Exception {
        List<Path> files;
        try (var listing = Files.list(CORPUS)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "the shared corpus of rule files is next to the repository");
        for (Path path : files) {
            String yaml = Files.readString(path);
            String namespace = "corpus-" + Math.abs(path.getFileName().toString().hashCode());
            RuleNamespace put = rules.putRuleNamespace(PutRuleNamespaceRequest.newBuilder().setNamespace(namespace)
                    .setYaml(yaml).build());
            assertTrue(put.getGroupsCount() > 0, path.toString());
            assertEquals(yaml, viewer.getRuleNamespace(GetRuleNamespaceRequest.newBuilder().setNamespace(namespace)
                    .build()).getYaml(), path.toString());
            rules.deleteRuleNamespace(DeleteRuleNamespaceRequest.newBuilder().setNamespace(namespace).build());
        }
    }

    @Test
    void badFilesAreRefusedNamingWhereAndNothingIsStored() {
        String before = viewer.listRuleNamespaces(ListRuleNamespacesRequest.getDefaultInstance()).toString();
        String badQuery = """
                groups:
                  - name: g
                    rules:
                      - alert: Broken
                        expr: rate(up[5m]
                """;
        assertInvalid("bad", badQuery, "5:15:", "group \"g\", rule 1, \"Broken\"", "could not parse expression");

        StringBuilder many = new StringBuilder("groups:\n  - name: many\n    rules:\n");
        for (int i = 0; i < 100_000; i++) {
            many.append("      - record: r").append(i).append("\n        expr: up\n");
        }
        assertInvalid("many", many.toString(), "100000 rules", "at most 10000");

        String huge = "x".repeat(1024 * 1024);
        assertInvalid("huge", """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: up == 0
                        labels:
                          team: "%s"
                """.formatted(huge), "label \"team\"", "characters, at most");

        assertInvalid("nul", """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: up == 0
                        labels:
                          team: "a\\0b"
                """, "NUL");

        StringBuilder wrong = new StringBuilder("groups:\n  - name: g\n    rules:\n");
        for (int i = 0; i < 200; i++) {
            wrong.append("      - alert: A").append(i).append("\n        expr: rate(x{a=\"").append("é".repeat(300))
                    .append("\"}[5m]\n");
        }
        assertInvalid("wrong", wrong.toString(), "group \"g\", rule 1, \"A0\"", "more problems)");

        assertInvalid("../etc", "groups: []\n", "namespace");
        assertEquals(before, viewer.listRuleNamespaces(ListRuleNamespacesRequest.getDefaultInstance()).toString());
    }

    @Test
    void readsNeedAlertsReadAndWritesAlertsWrite() {
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> viewer.putRuleNamespace(
                PutRuleNamespaceRequest.newBuilder().setNamespace("denied").setYaml("groups: []\n").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        StatusRuntimeException nobody = assertThrows(StatusRuntimeException.class, () -> TestPrincipals.as(
                TestPrincipals.nobody(), unauthenticated).listRules(ListRulesRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, nobody.getStatus().getCode());
        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class, () -> unauthenticated.listRules(
                ListRulesRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
    }

    // ------------------------------------------------------------------ helpers

    /** The readiness check's probe (an instant query of {@code 1}) is answered by this store too. */
    @Test
    void theMetricsStoreReadinessCheckFindsTheStoreReachable() {
        io.restassured.path.json.JsonPath check = io.restassured.RestAssured.given().when().get("/q/health/ready")
                .then().extract().jsonPath().setRootPath("checks.find { it.name == '"
                        + io.opsplane.observability.health.MetricsStoreReadiness.NAME + "' }");
        assertEquals("UP", check.getString("status"));
        assertTrue(check.getBoolean("data.reachable"), check.prettify());
    }

    private void assertInvalid(String namespace, String yaml, String... expected) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> rules.putRuleNamespace(
                PutRuleNamespaceRequest.newBuilder().setNamespace(namespace).setYaml(yaml).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused.getStatus().toString());
        String description = refused.getStatus().getDescription();
        assertTrue(description.length() < 8000, "the message is bounded");
        for (String part : expected) {
            assertTrue(description.contains(part), () -> "'" + part + "' in: " + description);
        }
    }

    private static Set<String> ownedIn(RuleEvaluators evaluators, String namespace) {
        return evaluators.ownedGroups().stream().filter(key -> key.startsWith(namespace + "/")).collect(Collectors.toSet());
    }

    private Optional<Alert> receivedAlert() {
        return received.all().stream().filter(a -> RUN.equals(a.labels().get("run"))
                && "TestValueHigh".equals(a.labels().get("alertname"))).findFirst();
    }

    RuleStatus rule(String namespace, String name) {
        for (RuleGroupStatus group : viewer.listRules(ListRulesRequest.newBuilder().setNamespace(namespace).build())
                .getGroupsList()) {
            for (RuleStatus rule : group.getRulesList()) {
                if (rule.getRule().getName().equals(name)) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no rule " + name);
    }

    private String alertState(String namespace) {
        return rule(namespace, "TestValueHigh").getState();
    }

    private RuleAlert firingAlert(String namespace) {
        RuleAlert alert = viewer.listRuleAlerts(ListRuleAlertsRequest.getDefaultInstance()).getAlertsList().stream()
                .filter(a -> a.getNamespace().equals(namespace) && a.getLabelsMap().get("alertname").equals("TestValueHigh"))
                .findFirst().orElseThrow();
        assertEquals("firing", alert.getState());
        assertNotNull(alert.getFiredAt());
        return alert;
    }

    static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        eventually(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    private static <T> T eventually(String what, java.util.concurrent.Callable<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
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
        throw new AssertionError("not seen within 20 s: " + what + (last == null ? "" : " (" + last + ")"));
    }
}
