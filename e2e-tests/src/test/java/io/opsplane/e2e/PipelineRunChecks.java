package io.opsplane.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Pipelines as a user meets them, on the launched platform with its two real runners: jobs in parallel per
 * needs, a secret masked in the live log, retries and the re-run of the failed part, cancel, and kill -9 of
 * pipeline-service and of a runner in the middle of a job. Run as a nested class of {@link PlatformScenarioIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PipelineRunChecks {

    abstract LaunchedPlatform platform();

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + PlatformScenarioIT.token);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void register(String name, String definition) {
        api().contentType(ContentType.JSON).body(Map.of("name", name, "definition", definition))
                .when().post("/api/v1/pipelines").then().statusCode(201);
    }

    private static String trigger(String name) {
        return api().contentType(ContentType.JSON).body(Map.of("ref", "main")).when()
                .post("/api/v1/pipelines/" + name + "/runs").then().statusCode(201).extract().path("id");
    }

    /** The run; a 503 while the gateway reconnects to a restarted pipeline-service is asked again. */
    private static JsonPath run(String id) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            var response = api().when().get("/api/v1/runs/" + id);
            if (response.statusCode() != 503 || attempt == 50) {
                return response.then().statusCode(200).extract().jsonPath();
            }
            Thread.sleep(200);
        }
    }

    private static JsonPath awaitRun(String id, Predicate<JsonPath> done, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        JsonPath run = run(id);
        while (!done.test(run) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            run = run(id);
        }
        return run;
    }

    private static JsonPath awaitFinished(String id) throws InterruptedException {
        return awaitRun(id, r -> List.of("success", "failed", "canceled", "skipped").contains(r.getString("status")),
                Duration.ofSeconds(90));
    }

    private static String jobStatus(JsonPath run, String job) {
        return run.getString("jobs.find { it.name == '" + job + "' }.status");
    }

    private static String log(String runId, String job) {
        return api().when().get("/api/v1/runs/" + runId + "/jobs/" + job + "/log").then().statusCode(200).extract()
                .asString();
    }

    /** Processes whose command line holds {@code marker}, the test's own excepted. */
    private static List<Long> processesWith(String marker) throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+")).filter(d -> {
                try {
                    return new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8)
                            .contains(marker);
                } catch (IOException e) {
                    return false;
                }
            }).map(d -> Long.parseLong(d.getFileName().toString())).toList();
        }
    }

    @Test
    @Order(1)
    void jobsRunInParallelPerNeedsAndASecretIsMaskedInTheLiveLog() throws Exception {
        String name = unique("e2e-run");
        String secret = "s3cr3t-" + UUID.randomUUID();
        api().contentType(ContentType.JSON).body(Map.of("value", secret)).when()
                .put("/api/v1/secrets/pipeline:" + name + "/API_TOKEN").then().statusCode(201);
        register(name, """
                stages: [build, test]
                build:
                  stage: build
                  secrets:
                    TOKEN: {opsplane: API_TOKEN}
                  script:
                    - echo "token is $TOKEN"
                    - printf '%s' "$TOKEN" | base64
                    - echo "branch $CI_COMMIT_REF_NAME"
                test-a:
                  stage: test
                  needs: [build]
                  script: [sleep 2, echo a]
                test-b:
                  stage: test
                  needs: [build]
                  script: [sleep 2, echo b]
                """);
        String id = trigger(name);
        String followed = api().when().get("/api/v1/runs/" + id + "/jobs/build/log?follow=true").then()
                .statusCode(200).extract().asString();
        assertTrue(followed.contains("token is [MASKED]"), followed);
        assertTrue(followed.contains("branch main"), followed);
        assertFalse(followed.contains(secret), "the secret never reaches the log");
        assertFalse(followed.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))),
                "nor its base64 form");

        JsonPath done = awaitFinished(id);
        assertEquals("success", done.getString("status"));
        Instant aStarted = Instant.parse(done.getString("jobs.find { it.name == 'test-a' }.attempts[0].startedAt"));
        Instant aFinished = Instant.parse(done.getString("jobs.find { it.name == 'test-a' }.attempts[0].finishedAt"));
        Instant bStarted = Instant.parse(done.getString("jobs.find { it.name == 'test-b' }.attempts[0].startedAt"));
        Instant bFinished = Instant.parse(done.getString("jobs.find { it.name == 'test-b' }.attempts[0].finishedAt"));
        assertTrue(aStarted.isBefore(bFinished) && bStarted.isBefore(aFinished), "test-a and test-b overlap");

        List<Map<String, Object>> timeline = List.of();
        Instant deadline = Instant.now().plusSeconds(30);
        String correlation = done.getString("correlationId");
        while (timeline.size() < 8 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            timeline = api().when().get("/api/v1/events?subject=" + name + "&correlationId=" + correlation
                    + "&limit=100").then().statusCode(200).extract().jsonPath().getList("events");
        }
        List<Object> types = timeline.stream().map(e -> e.get("type")).filter(t -> !String.valueOf(t)
                .contains("Audit")).toList();
        assertTrue(types.contains("opsplane.events.v1.PipelineStarted"), types.toString());
        assertEquals(3, types.stream().filter("opsplane.events.v1.JobCompleted"::equals).count(), types.toString());
        assertTrue(types.contains("opsplane.events.v1.PipelineCompleted"), types.toString());
    }

    @Test
    @Order(2)
    void aFailingJobIsRetriedAndThenOnlyTheFailedPartRunsAgain() throws Exception {
        String name = unique("e2e-retry");
        register(name, """
                stages: [build, test]
                build:
                  stage: build
                  script: [echo built]
                flaky:
                  stage: test
                  retry: 1
                  script:
                    - echo "attempt $CI_JOB_ATTEMPT"
                    - test "$CI_JOB_ATTEMPT" -ge 3
                """);
        String id = trigger(name);
        JsonPath failed = awaitFinished(id);
        assertEquals("failed", failed.getString("status"));
        assertEquals(2, failed.getList("jobs.find { it.name == 'flaky' }.attempts").size(), "retry: 1 ran it twice");
        assertEquals("script_failure", failed.getString("jobs.find { it.name == 'flaky' }.attempts[1].failureReason"));

        api().when().post("/api/v1/runs/" + id + "/retry").then().statusCode(200);
        JsonPath passed = awaitFinished(id);
        assertEquals("success", passed.getString("status"));
        assertEquals(3, passed.getList("jobs.find { it.name == 'flaky' }.attempts").size());
        assertEquals(1, passed.getList("jobs.find { it.name == 'build' }.attempts").size(), "build is kept");
        assertTrue(log(id, "flaky").contains("attempt 3"));
    }

    @Test
    @Order(3)
    void cancelLeavesNoProcessOfTheJob() throws Exception {
        String name = unique("e2e-cancel");
        String marker = "600." + (100000 + new java.util.Random().nextInt(800000));
        register(name, "sleeper:\n  script:\n    - sleep " + marker + " & sleep " + marker + "\n");
        String id = trigger(name);
        awaitRun(id, r -> "running".equals(jobStatus(r, "sleeper")), Duration.ofSeconds(30));
        awaitProcesses(marker, true);
        api().when().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
        JsonPath canceled = awaitFinished(id);
        assertEquals("canceled", canceled.getString("status"));
        assertEquals(List.of(), processesWith(marker), "no process of the canceled job is left");
    }

    @Test
    @Order(4)
    void killMinus9OfPipelineServiceInTheMiddleOfARunLosesNothing() throws Exception {
        String name = unique("e2e-crash");
        register(name, "stages: [one, two]\nslow:\n  stage: one\n  script: [sleep 5, echo slept]\n"
                + "after:\n  stage: two\n  script: [echo after]\n");
        String id = trigger(name);
        awaitRun(id, r -> "running".equals(jobStatus(r, "slow")), Duration.ofSeconds(30));
        platform().kill9("pipeline-service");
        platform().run("up");
        JsonPath done = awaitFinished(id);
        assertEquals("success", done.getString("status"), "the running job's result arrived after the restart");
        assertEquals(1, done.getList("jobs.find { it.name == 'slow' }.attempts").size(), "it ran once");
        assertTrue(log(id, "slow").contains("slept"));
    }

    @Test
    @Order(5)
    void killMinus9OfARunnerFailsItsJobAfterTheLeaseAndTheRetryRunsElsewhere() throws Exception {
        String name = unique("e2e-runner");
        String marker = "600." + (100000 + new java.util.Random().nextInt(800000));
        register(name, """
                lost:
                  retry:
                    max: 1
                    when: runner_system_failure
                  script:
                    - if [ "$CI_JOB_ATTEMPT" = 1 ]; then sleep %s; fi
                    - echo "attempt $CI_JOB_ATTEMPT done"
                """.formatted(marker));
        String id = trigger(name);
        JsonPath running = awaitRun(id, r -> "running".equals(jobStatus(r, "lost")), Duration.ofSeconds(30));
        awaitProcesses(marker, true);
        String runnerId = running.getString("jobs.find { it.name == 'lost' }.attempts[0].runnerId");
        String runnerName = api().when().get("/api/v1/runners").then().statusCode(200).extract().jsonPath()
                .getString("runners.find { it.id == '" + runnerId + "' }.name");
        platform().kill9(runnerName);
        awaitProcesses(marker, false);
        assertEquals(List.of(), processesWith(marker), "the job dies with its runner");

        JsonPath done = awaitRun(id, r -> "success".equals(r.getString("status")),
                LaunchedPlatform.RUNNER_LEASE.plusSeconds(60));
        assertEquals("success", done.getString("status"));
        assertEquals("runner_system_failure", done.getString("jobs.find { it.name == 'lost' }.attempts[0].failureReason"));
        assertEquals(2, done.getList("jobs.find { it.name == 'lost' }.attempts").size());
        platform().run("up");
    }

    @Test
    @Order(6)
    void anEventTriggerAndASchedulePlayedNowStartRunsThroughTheGateway() throws Exception {
        String upstream = unique("e2e-up");
        register(upstream, "build:\n  script: [echo up]\n");
        String downstream = unique("e2e-down");
        register(downstream, "react:\n  script:\n    - echo \"after $OPSPLANE_EVENT_TYPE of $OPSPLANE_EVENT_SUBJECT\"\n");
        String triggerId = api().contentType(ContentType.JSON).body(Map.of(
                "eventType", "opsplane.events.v1.PipelineCompleted",
                "filters", List.of(Map.of("field", "data.pipelineName", "value", upstream),
                        Map.of("field", "data.outcome", "value", "success"))))
                .when().post("/api/v1/event-triggers?pipeline=" + downstream).then().statusCode(201)
                .extract().path("id");

        assertEquals("success", awaitFinished(trigger(upstream)).getString("status"));
        Instant deadline = Instant.now().plusSeconds(60);
        List<String> runs = List.of();
        while (runs.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            runs = api().when().get("/api/v1/pipelines/" + downstream + "/runs").then().statusCode(200).extract()
                    .jsonPath().getList("runs.id");
        }
        assertEquals(1, runs.size(), "the upstream run's PipelineCompleted started one downstream run");
        JsonPath reacted = awaitFinished(runs.get(0));
        assertEquals("event", reacted.getString("trigger"));
        assertEquals("success", reacted.getString("status"));
        assertTrue(log(runs.get(0), "react").contains("after opsplane.events.v1.PipelineCompleted"),
                log(runs.get(0), "react"));
        assertEquals("started", api().when().get("/api/v1/event-triggers/" + triggerId).then().statusCode(200)
                .extract().path("recentFirings[0].state"));

        String scheduleId = api().contentType(ContentType.JSON).body(Map.of("cron", "0 3 * * MON-FRI",
                "timezone", "Europe/Berlin", "variables", Map.of("NIGHTLY", "1")))
                .when().post("/api/v1/schedules?pipeline=" + upstream).then().statusCode(201)
                .extract().path("id");
        String played = api().when().post("/api/v1/schedules/" + scheduleId + "/run").then().statusCode(201)
                .extract().path("id");
        assertEquals("schedule", run(played).getString("trigger"));
        String problem = api().contentType(ContentType.JSON).body(Map.of("cron", "0 25 * * *"))
                .when().post("/api/v1/schedules?pipeline=" + upstream).then().statusCode(400).extract()
                .path("detail");
        assertTrue(problem.contains("hour field '25'"), problem);
        api().when().delete("/api/v1/schedules/" + scheduleId).then().statusCode(204);
        api().when().delete("/api/v1/event-triggers/" + triggerId).then().statusCode(204);
        api().when().get("/api/v1/schedules/" + scheduleId).then().statusCode(404);
    }

    @Test
    @Order(7)
    void aTriggerStopsStartingRunsOnceItsOwnersTokenIsRevoked() throws Exception {
        String upstream = unique("e2e-up");
        register(upstream, "build:\n  script: [echo up]\n");
        String downstream = unique("e2e-down");
        register(downstream, "react:\n  script: [echo reacted]\n");
        JsonPath issued = api().contentType(ContentType.JSON).body(Map.of("name", "owner", "subject",
                unique("e2e-owner"), "bindings", List.of(Map.of("role", "developer", "scope", "pipeline:" + downstream))))
                .when().post("/api/v1/tokens").then().statusCode(201).extract().jsonPath();
        String ownerTokenId = issued.getString("token.id");
        String triggerId = given().header("Authorization", "Bearer " + issued.getString("secret"))
                .contentType(ContentType.JSON).body(Map.of("eventType", "opsplane.events.v1.PipelineCompleted",
                        "filters", List.of(Map.of("field", "data.pipelineName", "value", upstream))))
                .when().post("/api/v1/event-triggers?pipeline=" + downstream).then().statusCode(201)
                .extract().path("id");

        awaitFinished(trigger(upstream));
        JsonPath fired = awaitFiring(triggerId, 1);
        assertEquals("started", fired.getString("recentFirings[0].state"), fired.prettify());
        api().when().delete("/api/v1/tokens/" + ownerTokenId).then().statusCode(200);
        awaitFinished(trigger(upstream));
        JsonPath refused = awaitFiring(triggerId, 2);

        assertEquals("failed", refused.getString("recentFirings[0].state"), refused.prettify());
        assertTrue(refused.getString("recentFirings[0].error").contains("revoked, expired or unknown"),
                refused.prettify());
        assertEquals(1, api().when().get("/api/v1/pipelines/" + downstream + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("runs.id").size(), "no run after the revocation");
        api().when().delete("/api/v1/event-triggers/" + triggerId).then().statusCode(204);
    }

    @Test
    @Order(8)
    void twoPipelineServiceInstancesClaimEachJobOnceAndFireEachScheduleOnce() throws Exception {
        platform().run("replica", "pipeline-service", "2");
        long replica = platform().pid("pipeline-service-2");
        List<io.grpc.ManagedChannel> channels = List.of(
                io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", 9081 + LaunchedPlatform.OFFSET).usePlaintext().build(),
                io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", 9181 + LaunchedPlatform.OFFSET).usePlaintext().build());
        try {
            // Jobs only the test's two runners take, one runner talking to each instance; each takes at most half,
            // so the second instance must hand out jobs of a run the first queued, while both claim at once.
            String name = unique("e2e-two");
            StringBuilder definition = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                definition.append("job-").append(i).append(":\n  tags: [two-instances]\n  script: [\"true\"]\n");
            }
            register(name, definition.toString());
            String runId = trigger(name);
            Map<String, String> claimedBy = new java.util.concurrent.ConcurrentHashMap<>();
            List<String> repeats = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<String> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Instant deadline = Instant.now().plusSeconds(90);
            List<Thread> runners = new java.util.ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                var stub = io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.newBlockingStub(channels.get(instance))
                        .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(runnerMetadata()));
                String runnerId = stub.registerRunner(io.opsplane.proto.pipeline.v1.RegisterRunnerRequest.newBuilder()
                        .setName(unique("e2e-instance-" + (instance + 1))).addTags("two-instances").setExecutor("shell")
                        .setConcurrency(1).build()).getRunnerId();
                String label = "instance-" + (instance + 1);
                Thread runner = new Thread(() -> {
                    try {
                        takeJobs(stub, runnerId, label, claimedBy, repeats, deadline);
                    } catch (RuntimeException e) {
                        errors.add(label + ": " + e);
                    }
                });
                runner.start();
                runners.add(runner);
            }
            for (Thread runner : runners) {
                runner.join();
            }

            assertEquals(List.of(), errors);
            assertEquals(List.of(), repeats, "jobs claimed twice");
            assertEquals(30, claimedBy.size(), claimedBy.toString());
            assertEquals(java.util.Set.of("instance-1", "instance-2"), java.util.Set.copyOf(claimedBy.values()),
                    "both instances handed out jobs: " + claimedBy);
            JsonPath run = awaitFinished(runId);
            assertEquals("success", run.getString("status"));
            assertEquals(java.util.Collections.nCopies(30, 1), run.getList("jobs.collect { it.attempts.size() }",
                    Integer.class), run.prettify());

            // Both instances' trigger clocks tick each second; the schedule fires once when it is due.
            String scheduled = unique("e2e-cron");
            register(scheduled, "tick:\n  script: [echo tick]\n");
            String scheduleId = api().contentType(ContentType.JSON).body(Map.of("cron", "* * * * *", "timezone", "UTC"))
                    .when().post("/api/v1/schedules?pipeline=" + scheduled).then().statusCode(201).extract().path("id");
            Instant due = Instant.now().plusSeconds(75);
            List<String> firings = List.of();
            while (firings.isEmpty() && Instant.now().isBefore(due)) {
                Thread.sleep(500);
                firings = api().when().get("/api/v1/schedules/" + scheduleId).then().statusCode(200).extract().jsonPath()
                        .getList("recentFirings.state");
            }
            api().contentType(ContentType.JSON).body(Map.of("cron", "* * * * *", "timezone", "UTC", "active", false))
                    .when().put("/api/v1/schedules/" + scheduleId).then().statusCode(200);
            Thread.sleep(3_000);
            JsonPath schedule = api().when().get("/api/v1/schedules/" + scheduleId).then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(1, schedule.getList("recentFirings").size(), schedule.prettify());
            assertEquals(1, api().when().get("/api/v1/pipelines/" + scheduled + "/runs").then().statusCode(200)
                    .extract().jsonPath().getList("runs.id").size(), "one run for the one due time");
        } finally {
            channels.forEach(io.grpc.ManagedChannel::shutdownNow);
            ProcessHandle.of(replica).ifPresent(ProcessHandle::destroy);
        }
    }

    /** A runner's loop: takes jobs and reports each a success, until it took 15 or the deadline passed. */
    private static void takeJobs(io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.RunnerServiceBlockingStub stub,
            String runnerId, String label, Map<String, String> claimedBy, List<String> repeats, Instant deadline) {
        int taken = 0;
        while (taken < 15 && Instant.now().isBefore(deadline)) {
            var job = stub.acquireJob(io.opsplane.proto.pipeline.v1.AcquireJobRequest.newBuilder()
                    .setRunnerId(runnerId).setWaitMillis(1_000).build());
            if (!job.hasJob()) {
                continue;
            }
            taken++;
            if (claimedBy.putIfAbsent(job.getJob().getJobName(), label) != null) {
                repeats.add(job.getJob().getJobName());
            }
            stub.completeJob(io.opsplane.proto.pipeline.v1.CompleteJobRequest.newBuilder()
                    .setAttemptId(job.getJob().getAttemptId()).setFencingToken(job.getJob().getFencingToken())
                    .setOutcome("success").build());
        }
    }

    private io.grpc.Metadata runnerMetadata() throws IOException {
        io.grpc.Metadata metadata = new io.grpc.Metadata();
        metadata.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + platform().runnerToken());
        return metadata;
    }

    /** The trigger once it has {@code firings} firings, none of them pending. */
    private static JsonPath awaitFiring(String triggerId, int firings) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonPath trigger = api().when().get("/api/v1/event-triggers/" + triggerId).then().statusCode(200)
                    .extract().jsonPath();
            List<String> states = trigger.getList("recentFirings.state");
            if (states.size() >= firings && !states.contains("pending") || Instant.now().isAfter(deadline)) {
                return trigger;
            }
            Thread.sleep(200);
        }
    }

    private static void awaitProcesses(String marker, boolean present) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (processesWith(marker).isEmpty() == present && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }
}
