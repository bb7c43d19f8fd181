package io.opsplane.pipeline.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.opsplane.pipeline.artifacts.ArtifactSweeper;
import io.opsplane.pipeline.artifacts.Artifacts;
import io.opsplane.proto.pipeline.v1.ArtifactHeader;
import io.opsplane.proto.pipeline.v1.ArtifactInfo;
import io.opsplane.proto.pipeline.v1.ArtifactPart;
import io.opsplane.proto.pipeline.v1.DownloadArtifactRequest;
import io.opsplane.proto.pipeline.v1.DownloadRunArtifactRequest;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.opsplane.proto.pipeline.v1.ListArtifactsRequest;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Artifacts between jobs of a run, with the test playing the runner: build uploads, the job needing build's
 * artifacts downloads them, a job that does not is refused, a stale fencing token is refused, users list and
 * download, expired artifacts are swept.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "pipeline"))
class ArtifactFlowTest {

    @GrpcClient("self")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelinesUnauthenticated;

    @GrpcClient("self")
    RunnerServiceGrpc.RunnerServiceBlockingStub runnersUnauthenticated;

    @GrpcClient("self")
    io.grpc.Channel channel;

    @Inject
    Pool pool;

    @Inject
    ArtifactSweeper sweeper;

    @Inject
    Artifacts artifacts;

    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;
    RunnerServiceGrpc.RunnerServiceBlockingStub runners;
    RunnerServiceGrpc.RunnerServiceStub asyncRunners;

    @BeforeEach
    void identities() {
        pipelines = TestPrincipals.as(TestPrincipals.user("test-developer", "developer", "global"),
                pipelinesUnauthenticated);
        runners = TestPrincipals.as(TestPrincipals.service("runner"), runnersUnauthenticated);
        asyncRunners = TestPrincipals.as(TestPrincipals.service("runner"), RunnerServiceGrpc.newStub(channel));
        pool.query("UPDATE job_attempt SET status = 'canceled' WHERE status = 'pending'").execute().await()
                .atMost(Duration.ofSeconds(5));
    }

    private static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private ArtifactInfo upload(JobAssignment job, long token, byte[] data, String announcedSha) throws Throwable {
        CompletableFuture<ArtifactInfo> answer = new CompletableFuture<>();
        StreamObserver<ArtifactPart> parts = asyncRunners.uploadArtifact(new StreamObserver<>() {
            @Override
            public void onNext(ArtifactInfo value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        parts.onNext(ArtifactPart.newBuilder().setHeader(ArtifactHeader.newBuilder().setAttemptId(job.getAttemptId())
                .setFencingToken(token).setName("build-output").setSize(data.length).setSha256(announcedSha)
                .setFileCount(3)).build());
        for (int at = 0; at < data.length; at += 50_000) {
            parts.onNext(ArtifactPart.newBuilder().setData(ByteString.copyFrom(data, at,
                    Math.min(50_000, data.length - at))).build());
        }
        parts.onCompleted();
        try {
            return answer.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        }
    }

    private static byte[] bytes(Iterator<ArtifactPart> parts, String expectedJob) {
        ArtifactPart first = parts.next();
        assertTrue(first.hasHeader());
        assertEquals(expectedJob, first.getHeader().getJobName());
        assertEquals("tar.gz", first.getHeader().getFormat());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEachRemaining(part -> out.writeBytes(part.getData().toByteArray()));
        assertEquals(first.getHeader().getSize(), out.size());
        return out.toByteArray();
    }

    private static Status.Code code(Throwable failure) {
        return ((StatusRuntimeException) failure).getStatus().getCode();
    }

    @Test
    void theJobThatNeedsBuildGetsItsArtifactsAndNoOtherJobDoes() throws Throwable {
        String name = "a-" + UUID.randomUUID().toString().substring(0, 8);
        pipelines.registerPipeline(RegisterPipelineRequest.newBuilder().setName(name).setDefinition("""
                stages: [build, test]
                build:
                  stage: build
                  script: [make]
                  artifacts:
                    name: build-output
                    paths: [out/, "**/*.jar"]
                    exclude: [out/tmp/**]
                    expire_in: 1 week
                test:
                  stage: test
                  needs: [build]
                  script: [test]
                lint:
                  stage: test
                  needs: [{job: build, artifacts: false}]
                  script: [lint]
                """).build());
        Run run = pipelines.triggerRun(TriggerRunRequest.newBuilder().setPipelineName(name).setRef("main")
                .setCommitSha("0123456789abcdef0123456789abcdef01234567").build());
        RunnerHarness runner = new RunnerHarness(runners, List.of(), true);

        JobAssignment build = runner.acquire(5000);
        assertNotNull(build);
        assertEquals("build", build.getJobName());
        assertEquals("build-output", build.getArtifacts().getName());
        assertEquals(List.of("out/", "**/*.jar"), build.getArtifacts().getPathsList());
        assertEquals(List.of("out/tmp/**"), build.getArtifacts().getExcludeList());
        assertEquals("on_success", build.getArtifacts().getWhen());
        assertEquals(List.of(), build.getDependenciesList());

        byte[] data = new byte[180_000];
        new Random(7).nextBytes(data);
        // A token that is not the attempt's is refused before any byte is stored.
        Throwable stale = assertThrows(Throwable.class, () -> upload(build, build.getFencingToken() + 1000, data,
                sha(data)));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(stale), stale.getMessage());
        // Bytes that differ from the announced digest are refused.
        Throwable damaged = assertThrows(Throwable.class, () -> upload(build, build.getFencingToken(), data,
                "0".repeat(64)));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(damaged), damaged.getMessage());

        ArtifactInfo stored = upload(build, build.getFencingToken(), data, sha(data));
        assertEquals(sha(data), stored.getSha256());
        assertEquals(data.length, stored.getSize());
        assertEquals(3, stored.getFileCount());
        assertEquals("build", stored.getJobName());
        assertTrue(stored.hasExpiresAt());
        long week = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
        assertTrue(Math.abs(stored.getExpiresAt().getSeconds() - week) < 120, "expire_in: 1 week");
        // The same upload again (its answer was lost) is harmless.
        assertEquals(sha(data), upload(build, build.getFencingToken(), data, sha(data)).getSha256());
        runner.succeed(build);

        // Once the attempt ended, its token is stale.
        Throwable ended = assertThrows(Throwable.class, () -> upload(build, build.getFencingToken(), data, sha(data)));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(ended));

        Map<String, JobAssignment> next = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            JobAssignment job = runner.acquire(5000);
            assertNotNull(job);
            next.put(job.getJobName(), job);
        }
        JobAssignment test = next.get("test");
        JobAssignment lint = next.get("lint");
        assertEquals(List.of("build"), test.getDependenciesList());
        assertEquals(List.of(), lint.getDependenciesList());
        assertFalse(test.hasArtifacts());

        byte[] downloaded = bytes(runners.downloadArtifact(DownloadArtifactRequest.newBuilder()
                .setAttemptId(test.getAttemptId()).setFencingToken(test.getFencingToken()).setJobName("build")
                .build()), "build");
        assertArrayEquals(data, downloaded);

        StatusRuntimeException notItsDependency = assertThrows(StatusRuntimeException.class, () -> runners
                .downloadArtifact(DownloadArtifactRequest.newBuilder().setAttemptId(lint.getAttemptId())
                        .setFencingToken(lint.getFencingToken()).setJobName("build").build()).hasNext());
        assertEquals(Status.Code.PERMISSION_DENIED, notItsDependency.getStatus().getCode());
        StatusRuntimeException staleDownload = assertThrows(StatusRuntimeException.class, () -> runners
                .downloadArtifact(DownloadArtifactRequest.newBuilder().setAttemptId(test.getAttemptId())
                        .setFencingToken(test.getFencingToken() + 1000).setJobName("build").build()).hasNext());
        assertEquals(Status.Code.FAILED_PRECONDITION, staleDownload.getStatus().getCode());
        runner.succeed(test);
        runner.succeed(lint);

        // Users list and download them.
        var listed = pipelines.listArtifacts(ListArtifactsRequest.newBuilder().setRunId(run.getId()).build());
        assertEquals(1, listed.getArtifactsCount());
        assertEquals("build", listed.getArtifacts(0).getJobName());
        assertArrayEquals(data, bytes(pipelines.downloadRunArtifact(DownloadRunArtifactRequest.newBuilder()
                .setRunId(run.getId()).setJobName("build").build()), "build"));
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class, () -> pipelines.downloadRunArtifact(
                DownloadRunArtifactRequest.newBuilder().setRunId(run.getId()).setJobName("lint").build()).hasNext());
        assertEquals(Status.Code.NOT_FOUND, none.getStatus().getCode());

        // Expired: the record goes, then the blob no record refers to.
        pool.preparedQuery("UPDATE job_artifact SET expires_at = now() - interval '1 minute' WHERE run_id = $1")
                .execute(Tuple.of(UUID.fromString(run.getId()))).await().atMost(Duration.ofSeconds(5));
        assertTrue(artifacts.store().exists(sha(data)));
        sweeper.sweepOnce(Instant.now().plus(Duration.ofHours(2)));
        assertEquals(0, pipelines.listArtifacts(ListArtifactsRequest.newBuilder().setRunId(run.getId()).build())
                .getArtifactsCount());
        assertFalse(artifacts.store().exists(sha(data)));
    }
}
