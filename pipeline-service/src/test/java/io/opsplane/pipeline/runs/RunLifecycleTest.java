package io.opsplane.pipeline.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.pipeline.v1.CancelRunRequest;
import io.opsplane.proto.pipeline.v1.FollowJobLogRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.Job;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.LogChunk;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.PlayJobRequest;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.RenewLeaseRequest;
import io.opsplane.proto.pipeline.v1.RetryRunRequest;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs from trigger to end against the real database and broker, with the test playing the runner over the
 * runner protocol: stage order and needs, events, logs, leases and fencing, cancel, retry of the failed part,
 * manual jobs, tags.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "pipeline"))
class RunLifecycleTest {

    @GrpcClient("self")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelinesUnauthenticated;

    @GrpcClient("self")
    RunnerServiceGrpc.RunnerServiceBlockingStub runnersUnauthenticated;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    io.opsplane.platform.events.Topics topics;

    @Inject
    Pool pool;

    @Inject
    LeaseSweeper sweeper;

    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;
    RunnerServiceGrpc.RunnerServiceBlockingStub runners;

    @BeforeEach
    void identities() {
        pipelines = TestPrincipals.as(TestPrincipals.user("test-developer", "developer", "global"),
                pipelinesUnauthenticated);
        runners = TestPrincipals.as(TestPrincipals.service("runner"), runnersUnauthenticated);
        // Runs of earlier tests must not hand their jobs to this test's runner.
        pool.query("UPDATE job_attempt SET status = 'canceled' WHERE status = 'pending'").execute().await()
                .atMost(Duration.ofSeconds(5));
    }

    private String pipeline(String definition) {
        String name = "r-" + UUID.randomUUID().toString().substring(0, 8);
        pipelines.registerPipeline(RegisterPipelineRequest.newBuilder().setName(name).setDefinition(definition).build());
        return name;
    }

    private Run trigger(String name) {
        return pipelines.triggerRun(TriggerRunRequest.newBuilder().setPipelineName(name).setRef("main")
                .setCommitSha("0123456789abcdef0123456789abcdef01234567").build());
    }

    private Run run(Run run) {
        return pipelines.getRun(GetRunRequest.newBuilder().setRunId(run.getId()).build());
    }

    private static Map<String, String> statuses(Run run) {
        return run.getJobsList().stream().collect(Collectors.toMap(Job::getName, Job::getStatus));
    }

    private static Job job(Run run, String name) {
        return run.getJobsList().stream().filter(j -> j.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void stagesAndNeedsDecideTheOrderAndEveryStepIsAnEventOfTheRun() {
        String name = pipeline("""
                stages: [build, test, deploy]
                compile:
                  stage: build
                  script: [make]
                lint:
                  stage: build
                  script: [lint]
                unit:
                  stage: test
                  needs: [compile]
                  script: [test]
                deploy:
                  stage: deploy
                  script: [deploy]
                  environment:
                    name: staging
                    url: https://staging.example.com
                """);
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("pipeline")))) {
            Run started = trigger(name);
            assertEquals(List.of("build", "test", "deploy"), started.getStagesList());
            assertEquals(Map.of("compile", "pending", "lint", "pending", "unit", "created", "deploy", "created"),
                    statuses(run(started)));

            JobAssignment compile = runner.acquire(2000);
            JobAssignment lint = runner.acquire(2000);
            assertEquals("compile", compile.getJobName());
            assertEquals("lint", lint.getJobName());
            assertEquals(List.of("make"), compile.getScriptList());
            assertEquals("compile", compile.getVariablesOrThrow("CI_JOB_NAME"));
            assertEquals("0123456789abcdef0123456789abcdef01234567", compile.getVariablesOrThrow("CI_COMMIT_SHA"));
            assertEquals("main", compile.getVariablesOrThrow("CI_COMMIT_REF_NAME"));
            assertEquals(started.getId(), compile.getVariablesOrThrow("CI_PIPELINE_ID"));
            assertEquals("running", run(started).getStatus());

            runner.succeed(compile);
            // unit needs only compile: it starts while lint of the earlier stage still runs.
            JobAssignment unit = runner.acquire(2000);
            assertEquals("unit", unit.getJobName());
            assertNull(runner.acquire(200), "deploy waits for every job of the earlier stages");
            runner.succeed(lint);
            runner.succeed(unit);
            JobAssignment deploy = runner.acquire(2000);
            assertEquals("deploy", deploy.getJobName());
            assertEquals("staging", deploy.getVariablesOrThrow("CI_ENVIRONMENT_NAME"));
            runner.succeed(deploy);

            Run finished = run(started);
            assertEquals("success", finished.getStatus());
            assertTrue(finished.hasFinishedAt());
            assertEquals("staging", job(finished, "deploy").getEnvironment().getName());

            List<ConsumerRecord<String, byte[]>> events = tap.await(r -> name.equals(r.key())
                    && !"opsplane.events.v1.PipelineRegistered".equals(EventTap.header(r, "ce_type")), 10,
                    Duration.ofSeconds(10));
            List<String> types = events.stream().map(r -> EventTap.header(r, "ce_type").replace("opsplane.events.v1.", ""))
                    .toList();
            assertEquals("PipelineStarted", types.get(0));
            assertEquals("PipelineCompleted", types.get(types.size() - 1));
            assertEquals(4, types.stream().filter("JobStarted"::equals).count());
            assertEquals(4, types.stream().filter("JobCompleted"::equals).count());
            String correlation = EventTap.header(events.get(0), "ce_correlationid");
            events.forEach(e -> assertEquals(correlation, EventTap.header(e, "ce_correlationid"),
                    "every event of a run carries the run's correlation id"));
            String completed = new String(events.get(events.size() - 1).value(), StandardCharsets.UTF_8);
            assertTrue(completed.contains("\"outcome\":\"success\""), completed);
            assertTrue(completed.contains("\"commitSha\":\"0123456789abcdef0123456789abcdef01234567\""), completed);
            String deployed = events.stream().map(e -> new String(e.value(), StandardCharsets.UTF_8))
                    .filter(d -> d.contains("\"jobName\":\"deploy\"") && d.contains("\"outcome\"")).findFirst()
                    .orElseThrow();
            assertTrue(deployed.contains("\"environment\":\"staging\""), deployed);
        }
        assertEquals(1, pipelines.listRuns(ListRunsRequest.newBuilder().setPipelineName(name).build()).getRunsCount());
    }

    @Test
    void aFailedJobSkipsWhatDependsOnItAndRetryRerunsOnlyTheFailedPart() {
        String name = pipeline("""
                stages: [build, test, deploy]
                compile:
                  stage: build
                  script: [make]
                unit:
                  stage: test
                  script: [test]
                cleanup:
                  stage: deploy
                  when: on_failure
                  script: [cleanup]
                deploy:
                  stage: deploy
                  script: [deploy]
                """);
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        runner.succeed(runner.acquire(2000));
        JobAssignment unit = runner.acquire(2000);
        runner.fail(unit, 2);
        JobAssignment cleanup = runner.acquire(2000);
        assertEquals("cleanup", cleanup.getJobName(), "on_failure runs after a failure");
        runner.succeed(cleanup);
        Run failed = run(started);
        assertEquals("failed", failed.getStatus());
        assertEquals(Map.of("compile", "success", "unit", "failed", "cleanup", "success", "deploy", "skipped"),
                statuses(failed));
        assertEquals("script_failure", job(failed, "unit").getAttempts(0).getFailureReason());
        assertEquals(2, job(failed, "unit").getAttempts(0).getExitCode());

        Run retried = pipelines.retryRun(RetryRunRequest.newBuilder().setRunId(started.getId()).build());
        assertEquals("pending", job(retried, "unit").getStatus());
        assertEquals("success", job(retried, "compile").getStatus(), "successful jobs are kept");
        assertEquals(1, job(retried, "compile").getAttemptsCount());
        JobAssignment again = runner.acquire(2000);
        assertEquals("unit", again.getJobName());
        assertEquals(2, again.getAttempt());
        runner.succeed(again);
        runner.succeed(runner.acquire(2000));
        Run passed = run(started);
        assertEquals("success", passed.getStatus());
        assertEquals("success", job(passed, "deploy").getStatus());
        assertEquals(2, job(passed, "unit").getAttemptsCount());
    }

    @Test
    void aRunnerThatGoesSilentLosesTheJobAndItsStaleResultIsRefused() {
        String name = pipeline("""
                build:
                  script: [make]
                  retry:
                    max: 1
                    when: runner_system_failure
                """);
        RunnerHarness lost = new RunnerHarness(runners, List.of(), true);
        RunnerHarness other = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        JobAssignment first = lost.acquire(2000);
        lost.log(first, 0, "started\n");
        pool.preparedQuery("UPDATE job_attempt SET lease_expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(first.getAttemptId()))).await().atMost(Duration.ofSeconds(5));
        sweep();

        Job build = job(run(started), "build");
        assertEquals("runner_system_failure", build.getAttempts(0).getFailureReason());
        JobAssignment second = other.acquire(2000);
        assertEquals(2, second.getAttempt(), "retry: when runner_system_failure queued another attempt");
        assertTrue(second.getFencingToken() > first.getFencingToken());

        StatusRuntimeException stale = assertThrows(StatusRuntimeException.class, () -> lost.succeed(first));
        assertEquals(Status.Code.FAILED_PRECONDITION, stale.getStatus().getCode());
        assertThrows(StatusRuntimeException.class, () -> lost.log(first, 8, "more\n"));
        other.succeed(second);
        other.succeed(second);  // a repeated report is harmless
        assertEquals("success", run(started).getStatus());
    }

    @Test
    void cancelEndsQueuedJobsAtOnceAndAsksRunningOnesToStop() {
        String name = pipeline("""
                a:
                  script: [sleep 100]
                b:
                  script: [sleep 100]
                  tags: [nowhere]
                """);
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        JobAssignment a = runner.acquire(2000);
        Run canceling = pipelines.cancelRun(CancelRunRequest.newBuilder().setRunId(started.getId()).build());
        assertEquals("canceled", job(canceling, "b").getStatus());
        assertEquals("running", job(canceling, "a").getStatus());
        assertTrue(runners.renewLease(RenewLeaseRequest.newBuilder().setAttemptId(a.getAttemptId())
                .setFencingToken(a.getFencingToken()).build()).getCancelRequested());
        assertTrue(runner.log(a, 0, "stopping\n").getCancelRequested());
        runner.complete(a, "canceled", -1, "");
        assertEquals("canceled", run(started).getStatus());
    }

    @Test
    void aCancelIsNotLostToRenewalsAndLogSendsRacingIt() throws Exception {
        String name = pipeline("a:\n  script: [sleep 100]\n");
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        JobAssignment a = runner.acquire(2000);
        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicLong offset = new AtomicLong();
        Thread renewals = new Thread(() -> {
            while (racing.get()) {
                runners.renewLease(RenewLeaseRequest.newBuilder().setAttemptId(a.getAttemptId())
                        .setFencingToken(a.getFencingToken()).build());
            }
        });
        Thread logSends = new Thread(() -> {
            while (racing.get()) {
                offset.set(runner.log(a, offset.get(), "line\n").getNextOffset());
            }
        });
        renewals.start();
        logSends.start();
        try {
            Thread.sleep(300);
            pipelines.cancelRun(CancelRunRequest.newBuilder().setRunId(started.getId()).build());
            Thread.sleep(300);
        } finally {
            racing.set(false);
            renewals.join();
            logSends.join();
        }
        assertTrue(runners.renewLease(RenewLeaseRequest.newBuilder().setAttemptId(a.getAttemptId())
                .setFencingToken(a.getFencingToken()).build()).getCancelRequested(), "the cancel was overwritten");
        runner.complete(a, "canceled", -1, "");
        assertEquals("canceled", run(started).getStatus());
    }

    @Test
    void aResourceGroupHoldsOneJobAtATimeAcrossRunsAndPassesToTheOldestWaitingRun() {
        String name = pipeline("deploy:\n  resource_group: production\n  script: [deploy]\n");
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run first = trigger(name);
        Run second = trigger(name);
        Run third = trigger(name);

        JobAssignment holding = runner.acquire(2000);
        assertEquals(first.getId(), holding.getRunId());
        assertNull(runner.acquire(300), "the group is held by the first run");
        assertEquals("waiting_for_resource", job(run(second), "deploy").getStatus());
        assertEquals("waiting_for_resource", job(run(third), "deploy").getStatus());

        runner.succeed(holding);
        JobAssignment next = runner.acquire(2000);
        assertEquals(second.getId(), next.getRunId(), "the oldest waiting run gets the group at once");
        assertEquals("waiting_for_resource", job(run(third), "deploy").getStatus());
        runner.fail(next, 1);
        runner.succeed(runner.acquire(2000));

        assertEquals("success", run(first).getStatus());
        assertEquals("failed", run(second).getStatus());
        assertEquals("success", run(third).getStatus());
    }

    @Test
    void aGroupFreedByACancelIsPassedOnByTheSweeper() {
        String name = pipeline("deploy:\n  resource_group: production\n  script: [deploy]\n");
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run first = trigger(name);
        Run second = trigger(name);
        assertEquals("pending", job(run(first), "deploy").getStatus());

        // The queued job ends at once, with no runner to report it: nobody hands the group over but the sweeper.
        pipelines.cancelRun(CancelRunRequest.newBuilder().setRunId(first.getId()).build());
        assertEquals("waiting_for_resource", job(run(second), "deploy").getStatus());
        sweep();

        JobAssignment next = runner.acquire(2000);
        assertEquals(second.getId(), next.getRunId());
        runner.succeed(next);
        assertEquals("success", run(second).getStatus());
    }

    @Test
    void aLongPollThatItsRunnerGaveUpClaimsNoJob() throws Exception {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        RunnerHarness gone = new RunnerHarness(runners, List.of(tag), false);
        io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
        var poll = call.call(() -> io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.newFutureStub(runners.getChannel())
                .acquireJob(io.opsplane.proto.pipeline.v1.AcquireJobRequest.newBuilder().setRunnerId(gone.runnerId)
                        .setWaitMillis(20_000).build()));
        Thread.sleep(300);
        call.cancel(null);
        Thread.sleep(300);

        // A job only runners with the tag may take: the gone runner's poll, were it still claiming, would take it.
        Run started = trigger(pipeline("a:\n  tags: [" + tag + "]\n  script: [x]\n"));
        Thread.sleep(1_500);

        assertTrue(poll.isDone(), "the client gave the call up");
        assertEquals("pending", job(run(started), "a").getStatus(), "the gone runner's poll claimed the job");
        RunnerHarness other = new RunnerHarness(runners, List.of(tag), false);
        JobAssignment taken = other.acquire(2000);
        assertEquals(started.getId(), taken.getRunId());
        other.succeed(taken);
    }

    @Test
    void aManualJobWaitsUntilSomeonePlaysIt() {
        String name = pipeline("""
                stages: [build, deploy]
                build:
                  stage: build
                  script: [make]
                deploy:
                  stage: deploy
                  when: manual
                  script: [deploy]
                """);
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        runner.succeed(runner.acquire(2000));
        assertEquals("manual", job(run(started), "deploy").getStatus());
        assertNull(runner.acquire(200));
        StatusRuntimeException notManual = assertThrows(StatusRuntimeException.class, () -> pipelines.playJob(
                PlayJobRequest.newBuilder().setRunId(started.getId()).setJobName("build").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, notManual.getStatus().getCode());
        pipelines.playJob(PlayJobRequest.newBuilder().setRunId(started.getId()).setJobName("deploy").build());
        JobAssignment deploy = runner.acquire(2000);
        assertEquals("deploy", deploy.getJobName());
        runner.succeed(deploy);
        assertEquals("success", run(started).getStatus());
    }

    @Test
    void jobsGoOnlyToRunnersWithAllTheirTags() {
        String name = pipeline("""
                gpu:
                  script: [train]
                  tags: [gpu, linux]
                """);
        RunnerHarness plain = new RunnerHarness(runners, List.of("linux"), true);
        RunnerHarness gpu = new RunnerHarness(runners, List.of("gpu", "linux", "x86"), false);
        trigger(name);
        assertNull(plain.acquire(200));
        JobAssignment job = gpu.acquire(2000);
        assertNotNull(job);
        gpu.succeed(job);
    }

    @Test
    void aWaitingRunnerGetsAJobAsSoonAsItIsQueued() throws Exception {
        String name = pipeline("build:\n  script: [make]\n");
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        CompletableFuture<JobAssignment> waiting = CompletableFuture.supplyAsync(() -> runner.acquire(20_000));
        Thread.sleep(300);
        trigger(name);
        JobAssignment job = waiting.get();
        assertEquals("build", job.getJobName());
        runner.succeed(job);
    }

    @Test
    void manyWaitingRunnersShareTheQueueAndNoJobIsTakenTwice() throws Exception {
        StringBuilder definition = new StringBuilder("stages: [one, two]\n");
        for (int i = 0; i < 12; i++) {
            definition.append("j").append(i).append(":\n  stage: ").append(i < 6 ? "one" : "two")
                    .append("\n  script: [make]\n");
        }
        String name = pipeline(definition.toString());
        List<RunnerHarness> harnesses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            harnesses.add(new RunnerHarness(runners, List.of(), true));
        }
        java.util.Set<String> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (RunnerHarness harness : harnesses) {
            workers.add(CompletableFuture.runAsync(() -> {
                JobAssignment job;
                while ((job = harness.acquire(3000)) != null) {
                    if (!taken.add(job.getJobName())) {
                        duplicates.incrementAndGet();
                    }
                    harness.succeed(job);
                }
            }));
        }
        Thread.sleep(300);
        Run started = trigger(name);
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        assertEquals(0, duplicates.get());
        assertEquals(12, taken.size());
        assertEquals("success", run(started).getStatus());
    }

    @Test
    void logsAreStoredOnceAtTheirOffsetsMadeHarmlessAndFollowedToTheEnd() throws Exception {
        String name = pipeline("build:\n  script: [make]\n");
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        JobAssignment job = runner.acquire(2000);
        assertEquals(6, runner.log(job, 0, "hello ").getNextOffset());
        assertEquals(6, runner.log(job, 0, "hello ").getNextOffset(), "a repeated send is stored once");
        StatusRuntimeException gap = assertThrows(StatusRuntimeException.class, () -> runner.log(job, 10, "x"));
        assertEquals(Status.Code.FAILED_PRECONDITION, gap.getStatus().getCode());

        CompletableFuture<String> followed = CompletableFuture.supplyAsync(() -> {
            Iterator<LogChunk> chunks = pipelines.followJobLog(FollowJobLogRequest.newBuilder()
                    .setRunId(started.getId()).setJobName("build").setFollow(true).build());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<Boolean> complete = new ArrayList<>();
            chunks.forEachRemaining(chunk -> {
                all.writeBytes(chunk.getData().toByteArray());
                complete.add(chunk.getComplete());
            });
            return all.toString(StandardCharsets.UTF_8) + (complete.get(complete.size() - 1) ? "<end>" : "<open>");
        });
        Thread.sleep(300);
        runner.log(job, 6, "world\u0000\u0007\n");
        runner.succeed(job);
        assertEquals("hello world??\n<end>", followed.get());
    }

    @Test
    void aResultCarriesTheLogsLastBytesAndARepeatedReportStoresThemOnce() throws Exception {
        String name = pipeline("build:\n  script: [make]\n");
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);
        Run started = trigger(name);
        JobAssignment job = runner.acquire(2000);
        runner.log(job, 0, "hello ");
        StatusRuntimeException gap = assertThrows(StatusRuntimeException.class,
                () -> runner.succeedWithLogTail(job, 9, "world\n"));
        assertEquals(Status.Code.FAILED_PRECONDITION, gap.getStatus().getCode(), "a gap before the tail is refused");
        StatusRuntimeException tooLong = assertThrows(StatusRuntimeException.class,
                () -> runner.succeedWithLogTail(job, 6, "x".repeat(64 * 1024 + 1)));
        assertEquals(Status.Code.INVALID_ARGUMENT, tooLong.getStatus().getCode());

        runner.succeedWithLogTail(job, 6, "world\n");
        runner.succeedWithLogTail(job, 6, "world\n");

        assertEquals("success", run(started).getStatus());
        Iterator<LogChunk> chunks = pipelines.followJobLog(FollowJobLogRequest.newBuilder()
                .setRunId(started.getId()).setJobName("build").build());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEachRemaining(chunk -> all.writeBytes(chunk.getData().toByteArray()));
        assertEquals("hello world\n", all.toString(StandardCharsets.UTF_8));
    }

    private void sweep() {
        try {
            VertxContextSupport.subscribeAndAwait(sweeper::sweepOnce);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
