package io.opsplane.observability.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.observability.v1.DeleteRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.ListRuleAlertsRequest;
import io.opsplane.proto.observability.v1.ListRuleNamespacesRequest;
import io.opsplane.proto.observability.v1.ListRulesRequest;
import io.opsplane.proto.observability.v1.MetricsServiceGrpc;
import io.opsplane.proto.observability.v1.PutRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.QueryRequest;
import io.opsplane.proto.observability.v1.RuleAlert;
import io.opsplane.proto.observability.v1.RuleGroupStatus;
import io.opsplane.proto.observability.v1.RuleStatus;
import io.opsplane.proto.observability.v1.RulesServiceGrpc;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.RemoteWrite;
import io.opsplane.testing.TcpProxy;
import io.opsplane.testing.TestInfrastructure;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics store goes away and comes back: the service reaches the real store through a TCP relay the test cuts
 * (as a stopped store looks: connections closed, new ones refused) and restores. Readiness reports the store down
 * with the reason (and the service stays ready: the store is not required by default), every rule reports "err"
 * with the reason, alert state is kept, other calls are answered, and evaluation recovers by itself.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(MetricsStoreOutageTest.StoreBehindARelay.class)
class MetricsStoreOutageTest {

    static TcpProxy proxy;

    /** The real store, reached through {@link TcpProxy}; the readiness cache short, so the test need not wait. */
    public static class StoreBehindARelay extends MetricsStoreTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            URI store = URI.create(TestInfrastructure.metricsStore());
            try {
                proxy = new TcpProxy(store.getHost(), store.getPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            config.put("opsplane.metrics.url", "http://127.0.0.1:" + proxy.port());
            config.put("opsplane.metrics.health-cache-for", "500ms");
            return config;
        }

        @Override
        public void stop() {
            super.stop();
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    private static final String RUN = UUID.randomUUID().toString();
    private static final String NAMESPACE = "outage-" + RUN;
    private static ScheduledExecutorService pusher;

    @GrpcClient("self")
    RulesServiceGrpc.RulesServiceBlockingStub unauthenticatedRules;

    @GrpcClient("self")
    MetricsServiceGrpc.MetricsServiceBlockingStub unauthenticatedMetrics;

    /** A value above the alert's threshold, pushed straight to the store (not through the relay) every 250 ms. */
    @BeforeAll
    static void pushSamples() {
        pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> {
            try {
                RemoteWrite.push(TestInfrastructure.metricsStore(), List.of(new RemoteWrite.Series(
                        Map.of("__name__", "opsplane_test_outage_value", "run", RUN),
                        List.of(new RemoteWrite.Sample(System.currentTimeMillis(), 10)))));
            } catch (RuntimeException e) {
                // the next push tries again
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stopPushing() {
        pusher.shutdownNow();
    }

    private RulesServiceGrpc.RulesServiceBlockingStub rules() {
        return TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), unauthenticatedRules);
    }

    private MetricsServiceGrpc.MetricsServiceBlockingStub metrics() {
        return TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), unauthenticatedMetrics);
    }

    @Test
    void theStoreGoesDownReadinessAndRulesReportItAndEvaluationRecoversByItself() throws Exception {
        rules().putRuleNamespace(PutRuleNamespaceRequest.newBuilder().setNamespace(NAMESPACE).setYaml("""
                groups:
                  - name: outage
                    interval: 1s
                    rules:
                      - alert: OutageValueHigh
                        expr: opsplane_test_outage_value{run="%1$s"} > 5
                      - record: opsplane_test:outage_doubled
                        expr: opsplane_test_outage_value{run="%1$s"} * 2
                """.formatted(RUN)).build());
        until("both rules evaluate", () -> statuses().stream().allMatch(rule -> rule.getHealth().equals("ok")));
        until("the alert fires", () -> alert().map(a -> a.getState().equals("firing")).orElse(false));
        Instant firedAt = Instant.ofEpochSecond(alert().orElseThrow().getFiredAt().getSeconds(),
                alert().orElseThrow().getFiredAt().getNanos());
        until("the store reported reachable", () -> store().getBoolean("data.reachable"));

        proxy.cut();
        try {
            until("every rule reports the store's error", () -> statuses().stream().allMatch(rule ->
                    rule.getHealth().equals("err") && rule.getLastError().contains("metrics store")
                            && rule.getLastError().contains("unavailable")));
            until("readiness reports the store down", () -> !store().getBoolean("data.reachable"));
            JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
            assertEquals("UP", ready.getString("status"), "the store is not required: the service stays ready");
            JsonPath down = store();
            assertEquals("UP", down.getString("status"));
            assertTrue(down.getString("data.error").contains("unavailable"), down.prettify());
            assertEquals(2, ready.getInt("checks.find { it.name == 'Rule evaluation' }.data.rulesFailing"),
                    ready.prettify());

            // Everything else still answers: rule files, alert state (kept as it was), liveness; PromQL says why not.
            assertTrue(rules().listRuleNamespaces(ListRuleNamespacesRequest.getDefaultInstance()).getNamespacesList()
                    .stream().anyMatch(ns -> ns.getNamespace().equals(NAMESPACE)));
            RuleAlert kept = alert().orElseThrow();
            assertEquals("firing", kept.getState(), "a failed evaluation changes no alert");
            assertEquals(firedAt.getEpochSecond(), kept.getFiredAt().getSeconds());
            given().when().get("/q/health/live").then().statusCode(200);
            StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> metrics().query(QueryRequest.newBuilder().setQuery("1").build()));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.getMessage());
        } finally {
            proxy.restore();
        }

        until("readiness reports the store back", () -> store().getBoolean("data.reachable"));
        until("every rule evaluates again", () -> statuses().stream().allMatch(rule -> rule.getHealth().equals("ok")));
        RuleAlert after = alert().orElseThrow();
        assertEquals("firing", after.getState());
        assertEquals(firedAt.getEpochSecond(), after.getFiredAt().getSeconds(), "still the same firing alert");
        rules().deleteRuleNamespace(DeleteRuleNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
    }

    /** The "Metrics store" readiness check as answered now. */
    private static JsonPath store() {
        JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
        return ready.setRootPath("checks.find { it.name == '" + MetricsStoreReadiness.NAME + "' }");
    }

    private List<RuleStatus> statuses() {
        List<RuleGroupStatus> groups = rules().listRules(ListRulesRequest.newBuilder().setNamespace(NAMESPACE).build())
                .getGroupsList();
        List<RuleStatus> all = groups.stream().flatMap(group -> group.getRulesList().stream()).toList();
        if (all.size() != 2) {
            throw new AssertionError("expected 2 rules, got " + all.size());
        }
        return all;
    }

    private java.util.Optional<RuleAlert> alert() {
        return rules().listRuleAlerts(ListRuleAlertsRequest.getDefaultInstance()).getAlertsList().stream()
                .filter(a -> a.getNamespace().equals(NAMESPACE)).findFirst();
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not seen within 30 s: " + what + (last == null ? "" : " (" + last + ")"));
    }
}
