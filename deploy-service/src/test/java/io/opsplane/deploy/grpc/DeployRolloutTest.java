package io.opsplane.deploy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.deploy.controller.RolloutController;
import io.opsplane.deploy.process.ProcessStopper;
import io.opsplane.proto.deploy.v1.DeployRequest;
import io.opsplane.proto.deploy.v1.DeployServiceGrpc;
import io.opsplane.proto.deploy.v1.Deployment;
import io.opsplane.proto.deploy.v1.GetDeploymentRequest;
import io.opsplane.proto.deploy.v1.Instance;
import io.opsplane.proto.deploy.v1.ListInstancesRequest;
import io.opsplane.proto.deploy.v1.PromoteRequest;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The runtime end to end, through gRPC as a user drives it: the demo application deployed blue-green, then a new
 * version as a canary through a real HAProxy on ports of this run, with instances that are real processes. The
 * controller is stopped and started again mid-rollout (as a crash and restart leave things): the rollout goes on
 * at the same step with the same processes and the same HAProxy.
 */
@QuarkusTest
@TestProfile(DeployRolloutTest.FastController.class)
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "deploy"))
class DeployRolloutTest {

    public static class FastController implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opsplane.deploy.tick", "300ms", "opsplane.deploy.instance-ready-timeout", "20s");
        }
    }

    private static final Duration SLOW = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @GrpcClient("self")
    DeployServiceGrpc.DeployServiceBlockingStub unauthenticated;

    @Inject
    RolloutController controller;

    @Inject
    io.opsplane.platform.events.Topics topics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void blueGreenThenACanaryMoveRealTrafficAndSurviveAControllerRestart() throws Exception {
        DeployServiceGrpc.DeployServiceBlockingStub deploy = TestPrincipals.as(
                TestPrincipals.user("test-operator", "operator", "global"), unauthenticated);
        String app = DeployFixtures.unique("demo");
        String env = DeployFixtures.unique("stg");
        DeployFixtures.register(deploy, app, env);
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("deploy")))) {
            Deployment v1 = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v1").setStrategy(DeployFixtures.blueGreen()).setReplicas(1).setCommitSha("abc123").build());
            v1 = await(deploy, v1.getId(), d -> d.getPhase().equals("HEALTHY"), "v1 healthy");
            int port = v1.getListenPort();
            assertEquals(Map.of("200 demo v1", 20), tally(port, 20), "all traffic on v1 after the blue-green switch");

            Deployment v2 = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v2").setStrategy(DeployFixtures.canary(DeployFixtures.weight(50), DeployFixtures.pause(),
                            DeployFixtures.weight(75), DeployFixtures.pause())).build());
            StatusRuntimeException second = assertThrows(StatusRuntimeException.class, () -> deploy.deploy(
                    DeployRequest.newBuilder().setApplication(app).setEnvironment(env).setVersion("v3").build()));
            assertEquals(Status.Code.ALREADY_EXISTS, second.getStatus().getCode(), second.getStatus().toString());
            assertTrue(second.getStatus().getDescription().contains(v2.getId()), second.getStatus().getDescription());

            v2 = await(deploy, v2.getId(), d -> d.getPhase().equals("PAUSED") && d.getCurrentStep() == 1, "paused at step 1");
            assertEquals(50, v2.getWeights().getCanary());
            Map<String, Integer> split = awaitSplit(port, answers -> answers.getOrDefault("200 demo v1", 0) >= 20
                    && answers.getOrDefault("200 demo v2", 0) >= 20);
            assertEquals(100, split.values().stream().mapToInt(Integer::intValue).sum(), "no failed request: " + split);

            Map<String, Long> pidsBefore = pids(deploy, app, env);
            long haproxyBefore = controller.routerPid();
            assertEquals(2, pidsBefore.size(), "one v1 and one v2 instance: " + pidsBefore);

            controller.stop();
            // While the controller is away, HAProxy and the instances keep serving at the stored weights.
            Map<String, Integer> whileAway = tally(port, 40);
            assertEquals(40, whileAway.getOrDefault("200 demo v1", 0) + whileAway.getOrDefault("200 demo v2", 0),
                    whileAway.toString());
            controller.start();
            Thread.sleep(3000);

            Deployment resumed = deploy.getDeployment(GetDeploymentRequest.newBuilder().setId(v2.getId()).build());
            assertEquals("PAUSED", resumed.getPhase());
            assertEquals(1, resumed.getCurrentStep(), "the rollout is at the step it was at");
            assertEquals(pidsBefore, pids(deploy, app, env), "the same processes, adopted; none started twice");
            assertEquals(haproxyBefore, controller.routerPid(), "the same HAProxy, adopted");

            // HAProxy forgets run-time weights when it restarts: deploy-service starts it again and re-applies them.
            ProcessHandle.of(haproxyBefore).orElseThrow().destroyForcibly();
            Instant until = Instant.now().plus(SLOW);
            while ((controller.routerPid() == haproxyBefore || controller.routerPid() == 0) && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            assertTrue(controller.routerPid() != haproxyBefore, "a new HAProxy runs");
            awaitSplit(port, answers -> answers.getOrDefault("200 demo v1", 0) >= 20
                    && answers.getOrDefault("200 demo v2", 0) >= 20);

            deploy.promote(PromoteRequest.newBuilder().setId(v2.getId()).build());
            await(deploy, v2.getId(), d -> d.getPhase().equals("PAUSED") && d.getCurrentStep() == 3, "paused at step 3");
            awaitSplit(port, answers -> answers.getOrDefault("200 demo v2", 0) >= 60);
            deploy.promote(PromoteRequest.newBuilder().setId(v2.getId()).build());
            Deployment done = await(deploy, v2.getId(), d -> d.getPhase().equals("HEALTHY"), "v2 healthy");
            assertEquals(100, done.getWeights().getCanary());
            awaitSplit(port, answers -> answers.getOrDefault("200 demo v2", 0) == 100);
            awaitInstances(deploy, app, env, instances -> instances.size() == 1
                    && instances.get(0).getVersion().equals("v2") && instances.get(0).getHealth().equals("HEALTHY"));

            assertEvents(tap, app, "DeploymentStarted", 2);
            assertEvents(tap, app, "DeploymentCompleted", 2);
            assertEvents(tap, app, "DeploymentPaused", 2);
            assertEvents(tap, app, "TrafficShifted", 4);
            List<ConsumerRecord<String, byte[]>> started = assertEvents(tap, app, "InstanceStarted", 3);
            assertTrue(started.stream().anyMatch(record -> data(record).contains("\"adopted\":true")),
                    "the restarted controller announces the instances it adopted");
            assertTrue(tap.await(record -> isType(record, "DeploymentStarted") && data(record).contains(app), 2,
                    Duration.ofSeconds(1)).get(0).value().length > 0);
            assertTrue(data(tap.await(record -> isType(record, "DeploymentStarted") && data(record).contains(app), 1,
                    Duration.ofSeconds(1)).get(0)).contains("\"commitSha\":\"abc123\""), "events carry the commit");
        }
    }

    @Test
    void aStuckRolloutFailsAtItsDeadlineAndARolledBackReleaseIsNotDeployedAgainByItself() throws Exception {
        DeployServiceGrpc.DeployServiceBlockingStub deploy = TestPrincipals.as(
                TestPrincipals.user("test-operator", "operator", "global"), unauthenticated);
        String app = DeployFixtures.unique("demo");
        String env = DeployFixtures.unique("stg");
        DeployFixtures.register(deploy, app, env);
        String broken = DeployFixtures.unique("broken");
        deploy.createApplication(io.opsplane.proto.deploy.v1.CreateApplicationRequest.newBuilder().setApplication(
                DeployFixtures.demoApp(broken).toBuilder().setHealthCheckPath("/never-ready")).build());
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("deploy")))) {
            // Instances that never answer their health check: the rollout fails at its deadline instead of waiting.
            Deployment stuck = deploy.deploy(DeployRequest.newBuilder().setApplication(broken).setEnvironment(env)
                    .setVersion("v1").setProgressDeadline("3s")
                    .setStrategy(DeployFixtures.canary(DeployFixtures.weight(50))).build());
            Deployment failed = awaitEnd(deploy, stuck.getId(), "DEGRADED");
            assertTrue(failed.getReason().startsWith("ProgressDeadlineExceeded"), failed.getReason());
            assertEvents(tap, broken, "DeploymentRolledBack", 1);

            Deployment v1 = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v1").setStrategy(DeployFixtures.blueGreen()).build());
            int port = await(deploy, v1.getId(), d -> d.getPhase().equals("HEALTHY"), "v1 healthy").getListenPort();
            Deployment v2 = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v2").setStrategy(DeployFixtures.canary(DeployFixtures.weight(50), DeployFixtures.pause()))
                    .build());
            await(deploy, v2.getId(), d -> d.getPhase().equals("PAUSED"), "v2 paused");
            deploy.rollback(io.opsplane.proto.deploy.v1.RollbackRequest.newBuilder().setApplication(app)
                    .setEnvironment(env).setReason("errors after the release").build());
            Deployment rolledBack = awaitEnd(deploy, v2.getId(), "ROLLED_BACK");
            assertEquals(0, rolledBack.getWeights().getCanary());
            assertTrue(rolledBack.getRelease().getBad(), "a rolled-back release is marked bad");
            awaitSplit(port, answers -> answers.getOrDefault("200 demo v1", 0) == 100);
            awaitInstances(deploy, app, env, instances -> instances.size() == 1 && instances.get(0).getVersion().equals("v1"));
            assertTrue(assertEvents(tap, app, "DeploymentRolledBack", 1).stream()
                    .anyMatch(record -> data(record).contains("\"releaseMarkedBad\":true")));

            StatusRuntimeException again = assertThrows(StatusRuntimeException.class, () -> deploy.deploy(
                    DeployRequest.newBuilder().setApplication(app).setEnvironment(env).setVersion("v2").build()));
            assertEquals(Status.Code.FAILED_PRECONDITION, again.getStatus().getCode());
            assertTrue(again.getStatus().getDescription().contains("rolled back"), again.getStatus().getDescription());
            Deployment overridden = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v2").setAllowBadRelease(true).setStrategy(DeployFixtures.canary(DeployFixtures.pause()))
                    .build());
            deploy.abort(io.opsplane.proto.deploy.v1.DeploymentCommandRequest.newBuilder().setId(overridden.getId()).build());
            awaitEnd(deploy, overridden.getId(), "ABORTED");

            // Scaling the serving release, and an instance killed: restarted on its port, announced as crashed.
            var scaled = deploy.scale(io.opsplane.proto.deploy.v1.ScaleRequest.newBuilder().setApplication(app)
                    .setEnvironment(env).setReplicas(2).build());
            assertEquals(2, scaled.getReplicas());
            List<Instance> two = awaitInstances(deploy, app, env, instances -> instances.size() == 2 && instances.stream()
                    .allMatch(i -> i.getVersion().equals("v1") && i.getHealth().equals("HEALTHY")));
            assertEvents(tap, app, "ScaleChanged", 1);
            Instance victim = two.get(0);
            ProcessHandle.of(victim.getPid()).orElseThrow().destroyForcibly();
            assertEvents(tap, app, "InstanceCrashed", 1);
            awaitInstances(deploy, app, env, instances -> instances.stream().anyMatch(i -> i.getName().equals(victim.getName())
                    && i.getPid() != victim.getPid() && i.getPort() == victim.getPort() && i.getHealth().equals("HEALTHY")
                    && i.getRestarts() == 1));
            awaitSplit(port, answers -> answers.getOrDefault("200 demo v1", 0) == 100);
        }
    }

    @Test
    void aCanaryWhoseAnalysisCannotMeasureIsRolledBackWithEveryMeasurementKept() throws Exception {
        DeployServiceGrpc.DeployServiceBlockingStub deploy = TestPrincipals.as(
                TestPrincipals.user("test-operator", "operator", "global"), unauthenticated);
        String app = DeployFixtures.unique("demo");
        String env = DeployFixtures.unique("stg");
        DeployFixtures.register(deploy, app, env);
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("deploy")))) {
            Deployment v1 = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v1").setStrategy(DeployFixtures.blueGreen()).build());
            int port = await(deploy, v1.getId(), d -> d.getPhase().equals("HEALTHY"), "v1 healthy").getListenPort();
            // The metrics service does not answer in this test: each measurement records why it could not be taken,
            // and with no error allowed in a row the run errs and the canary goes.
            io.opsplane.proto.deploy.v1.AnalysisTemplate errors = io.opsplane.proto.deploy.v1.AnalysisTemplate.newBuilder()
                    .setName("errors").addArgs(io.opsplane.proto.deploy.v1.AnalysisArgument.newBuilder()
                            .setName("canary-version"))
                    .addMetrics(io.opsplane.proto.deploy.v1.AnalysisMetric.newBuilder().setName("error-rate")
                            .setQuery("sum(rate(http_requests_total{code=~\"5..\",version=\"{{args.canary-version}}\"}[1m]))")
                            .setInterval("1s").setCount(3).setSuccessCondition("result[0] < 0.01")
                            .setConsecutiveErrorLimit(0)).build();
            Deployment v2 = deploy.deploy(DeployRequest.newBuilder().setApplication(app).setEnvironment(env)
                    .setVersion("v2").addAnalysisTemplates(errors).setStrategy(DeployFixtures.canary(
                            DeployFixtures.weight(50), io.opsplane.proto.deploy.v1.CanaryStep.newBuilder()
                                    .setAnalysis("errors").build(), DeployFixtures.weight(100))).build());
            Deployment rolledBack = awaitEnd(deploy, v2.getId(), "ROLLED_BACK");
            assertEquals("AnalysisError a1-step1", rolledBack.getReason());
            assertTrue(rolledBack.getRelease().getBad());
            var run = rolledBack.getAnalysisRunsList().stream().filter(r -> r.getName().equals("a1-step1")).findFirst()
                    .orElseThrow(() -> new AssertionError("the run is shown: " + rolledBack));
            assertEquals("ERROR", run.getPhase());
            var metric = run.getMetrics(0);
            assertEquals("sum(rate(http_requests_total{code=~\"5..\",version=\"v2\"}[1m]))", metric.getQuery(),
                    "the query with its argument filled in");
            assertTrue(metric.getMeasurementsCount() >= 1, metric.toString());
            assertTrue(metric.getMeasurements(0).getError().startsWith("UNAVAILABLE"), metric.toString());
            assertEquals("ERROR", metric.getMeasurements(0).getVerdict());
            awaitSplit(port, answers -> answers.getOrDefault("200 demo v1", 0) == 100);
            assertTrue(data(assertEvents(tap, app, "AnalysisCompleted", 1).get(0)).contains("\"phase\":\"ERROR\""));
            assertTrue(assertEvents(tap, app, "DeploymentRolledBack", 1).stream()
                    .anyMatch(record -> data(record).contains("\"failedAnalysis\":\"a1-step1\"")));
        }
    }

    private static Deployment awaitEnd(DeployServiceGrpc.DeployServiceBlockingStub deploy, String id, String phase)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(SLOW);
        Deployment last = null;
        while (Instant.now().isBefore(deadline)) {
            last = deploy.getDeployment(GetDeploymentRequest.newBuilder().setId(id).build());
            if (last.getPhase().equals(phase)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waiting for " + phase + ": " + last);
    }

    @org.junit.jupiter.api.BeforeEach
    void controllerRuns() {
        controller.start();
    }

    /** Leaves nothing running: the controller stops, then every instance process and HAProxy are stopped. */
    @org.junit.jupiter.api.AfterEach
    void stopEverything() throws Throwable {
        long haproxy = controller.routerPid();
        controller.stop();
        List<io.opsplane.deploy.domain.InstanceRow> rows = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() ->
                io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> io.opsplane.deploy.domain.InstanceRow
                        .<io.opsplane.deploy.domain.InstanceRow>list("desired <> ?1", io.opsplane.deploy.domain.InstanceRow.GONE)
                        .invoke(list -> list.forEach(row -> row.desired = io.opsplane.deploy.domain.InstanceRow.GONE))));
        for (var row : rows) {
            if (row.pid != null) {
                ProcessHandle.of(row.pid).ifPresent(handle -> ProcessStopper.stop(handle, Duration.ofSeconds(5)));
            }
        }
        if (haproxy > 0) {
            ProcessHandle.of(haproxy).ifPresent(handle -> ProcessStopper.stop(handle, Duration.ofSeconds(5)));
        }
    }

    private static Deployment await(DeployServiceGrpc.DeployServiceBlockingStub deploy, String id,
            Predicate<Deployment> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(SLOW);
        Deployment last = null;
        while (Instant.now().isBefore(deadline)) {
            last = deploy.getDeployment(GetDeploymentRequest.newBuilder().setId(id).build());
            if (condition.test(last)) {
                return last;
            }
            assertFalse(List.of("DEGRADED", "ROLLED_BACK", "ABORTED").contains(last.getPhase()), "waiting for " + what
                    + ", the rollout ended: " + last);
            Thread.sleep(200);
        }
        throw new AssertionError("waiting for " + what + ": " + last);
    }

    private static List<Instance> awaitInstances(DeployServiceGrpc.DeployServiceBlockingStub deploy, String app,
            String env, Predicate<List<Instance>> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(SLOW);
        List<Instance> last = List.of();
        while (Instant.now().isBefore(deadline)) {
            last = deploy.listInstances(ListInstancesRequest.newBuilder().setApplication(app).setEnvironment(env).build())
                    .getInstancesList();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instances: " + last);
    }

    private static Map<String, Long> pids(DeployServiceGrpc.DeployServiceBlockingStub deploy, String app, String env) {
        return deploy.listInstances(ListInstancesRequest.newBuilder().setApplication(app).setEnvironment(env).build())
                .getInstancesList().stream().collect(Collectors.toMap(Instance::getName, Instance::getPid));
    }

    /** Sends batches of 100 requests until one batch satisfies the condition. */
    private static Map<String, Integer> awaitSplit(int port, Predicate<Map<String, Integer>> condition) throws Exception {
        Instant deadline = Instant.now().plus(SLOW);
        Map<String, Integer> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            last = tally(port, 100);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the split through HAProxy never matched: " + last);
    }

    private static Map<String, Integer> tally(int port, int requests) throws Exception {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            answers.merge(response.statusCode() + " " + response.body().trim(), 1, Integer::sum);
        }
        return answers;
    }

    private static List<ConsumerRecord<String, byte[]>> assertEvents(EventTap tap, String app, String type, int atLeast) {
        List<ConsumerRecord<String, byte[]>> seen = tap.await(record -> isType(record, type) && data(record).contains(app),
                atLeast, Duration.ofSeconds(30));
        assertTrue(seen.size() >= atLeast, "expected at least " + atLeast + " " + type + " events, saw " + seen.size());
        return seen;
    }

    private static boolean isType(ConsumerRecord<String, byte[]> record, String type) {
        return ("opsplane.events.v1." + type).equals(EventTap.header(record, "ce_type"));
    }

    private static String data(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
