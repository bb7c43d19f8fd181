package io.opsplane.pipeline.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.pipeline.v1.GetPipelineRequest;
import io.opsplane.proto.pipeline.v1.GetPipelineSourceRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.Job;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.PipelineSource;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookRequest;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookResponse;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.SetPipelineSourceRequest;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pipeline bound to a real local repository (file://, allowed in the test profile): webhook deliveries and
 * polling start runs of commits whose definition, includes and changes come from the repository.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "pipeline"))
class SourcesTest {

    private static final String HOOK_SECRET = "hook-secret-of-the-test";

    @GrpcClient("self")
    PipelineServiceGrpc.PipelineServiceBlockingStub unauthenticated;

    @Inject
    SourcePoller poller;

    @Inject
    DeliveryRetention deliveries;

    @Inject
    Pool pool;

    PipelineServiceGrpc.PipelineServiceBlockingStub developer;
    PipelineServiceGrpc.PipelineServiceBlockingStub gateway;
    Path repository;

    @BeforeEach
    void setUp() throws Exception {
        developer = TestPrincipals.as(TestPrincipals.user("test-developer", "developer", "global"), unauthenticated);
        gateway = TestPrincipals.as(TestPrincipals.service("gateway"), unauthenticated);
        QuarkusMock.installMockForType(new SourceSecrets() {
            @Override
            public Uni<String> value(String pipelineName, String name, String purpose) {
                return PipelineSources.DEFAULT_WEBHOOK_SECRET.equals(name) ? Uni.createFrom().item(HOOK_SECRET)
                        : Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
            }

            @Override
            public void forget(String pipelineName) {
            }
        }, SourceSecrets.class);
        repository = Files.createTempDirectory("opsplane-source-test");
        git("init", "--quiet", "-b", "main");
        git("config", "user.email", "test@example.com");
        git("config", "user.name", "Test");
        write("ci/build.yml", """
                build:
                  stage: build
                  script: [make]
                """);
        write(".gitlab-ci.yml", """
                stages: [build, test]
                include:
                  - local: ci/build.yml
                unit:
                  stage: test
                  script: [make test]
                  rules:
                    - changes: [src/**/*]
                docs:
                  stage: test
                  script: [make docs]
                  rules:
                    - exists: [docs/index.md]
                """);
        write("README.md", "first\n");
        commit("first");
    }

    @AfterEach
    void tearDown() throws IOException {
        try (var paths = Files.walk(repository)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.trim();
    }

    private void write(String path, String content) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String commit(String message) throws IOException, InterruptedException {
        git("add", "-A");
        git("commit", "--quiet", "-m", message);
        return git("rev-parse", "HEAD");
    }

    private String bind(int pollSeconds) {
        String name = "s-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineSource source = developer.setPipelineSource(SetPipelineSourceRequest.newBuilder().setSource(
                PipelineSource.newBuilder().setPipelineName(name).setRepositoryUrl("file://" + repository)
                        .addBranches("main").addBranches("release/*").setPollIntervalSeconds(pollSeconds)).build());
        assertEquals("WEBHOOK_SECRET", source.getWebhookSecret());
        assertEquals("test-developer", source.getUpdatedBy());
        return name;
    }

    private static byte[] push(String ref, String sha) {
        return ("{\"ref\":\"" + ref + "\",\"before\":\"" + "1".repeat(40) + "\",\"after\":\"" + sha
                + "\",\"pusher\":{\"name\":\"ada\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private ReceiveWebhookResponse github(String name, String delivery, byte[] body, String secret) {
        String signature = "sha256=" + HexFormat.of().formatHex(Webhooks.hmac(secret, body));
        return gateway.receiveWebhook(ReceiveWebhookRequest.newBuilder().setProvider("github").setPipelineName(name)
                .putHeaders("X-Hub-Signature-256", signature).putHeaders("X-GitHub-Event", "push")
                .putHeaders("X-GitHub-Delivery", delivery).setBody(ByteString.copyFrom(body)).build());
    }

    private int runs(String name) {
        return developer.listRuns(ListRunsRequest.newBuilder().setPipelineName(name).build()).getRunsCount();
    }

    private Run run(String id) {
        return developer.getRun(GetRunRequest.newBuilder().setRunId(id).build());
    }

    private static List<String> jobs(Run run) {
        return run.getJobsList().stream().map(Job::getName).sorted().collect(Collectors.toList());
    }

    @Test
    void aGithubPushStartsOneRunOfThePushedCommitWithTheRepositorysDefinition() throws Exception {
        write("src/app.txt", "code\n");
        String second = commit("code");
        String name = bind(0);
        assertEquals("file://" + repository, developer.getPipelineSource(GetPipelineSourceRequest.newBuilder()
                .setPipelineName(name).build()).getRepositoryUrl());

        ReceiveWebhookResponse started = github(name, "delivery-1", push("refs/heads/main", second), HOOK_SECRET);
        assertEquals("started", started.getOutcome(), started.getDetail());
        Run run = run(started.getRunId());
        assertEquals(second, run.getCommitSha());
        assertEquals("webhook", run.getTrigger());
        assertEquals("github:ada", run.getTriggeredBy());
        // build comes from include: local; unit from changes (src/app.txt changed); docs has no docs/index.md.
        assertEquals(List.of("build", "unit"), jobs(run));
        String definition = developer.getPipeline(GetPipelineRequest.newBuilder().setName(name).build())
                .getVersions(0).getDefinition();
        assertTrue(definition.contains("local: ci/build.yml"), definition);

        ReceiveWebhookResponse again = github(name, "delivery-1", push("refs/heads/main", second), HOOK_SECRET);
        assertEquals("duplicate", again.getOutcome());
        assertEquals(1, runs(name));

        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class,
                () -> github(name, "delivery-2", push("refs/heads/main", second), "not-the-secret"));
        assertEquals(Status.Code.UNAUTHENTICATED, forged.getStatus().getCode());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> github("no-such-pipeline", "delivery-2", push("refs/heads/main", second), HOOK_SECRET));
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());

        assertEquals("ignored", github(name, "delivery-3", push("refs/heads/feature", second), HOOK_SECRET)
                .getOutcome());
        assertEquals(1, runs(name));

        // A commit that changes no src file: no unit job; docs/index.md exists now.
        write("docs/index.md", "# docs\n");
        String third = commit("docs");
        ReceiveWebhookResponse gitlab = gateway.receiveWebhook(ReceiveWebhookRequest.newBuilder().setProvider("gitlab")
                .setPipelineName(name).putHeaders("X-Gitlab-Token", HOOK_SECRET).putHeaders("X-Gitlab-Event",
                        "Push Hook").putHeaders("X-Gitlab-Event-UUID", "uuid-1")
                .setBody(ByteString.copyFrom(push("refs/heads/main", third))).build());
        assertEquals("started", gitlab.getOutcome(), gitlab.getDetail());
        assertEquals(List.of("build", "docs"), jobs(run(gitlab.getRunId())));
    }

    @Test
    void deliveryIdsAreForgottenAfterTheRetentionAndNotBefore() throws Throwable {
        write("src/app.txt", "code\n");
        String second = commit("code");
        String name = bind(0);
        assertEquals("started", github(name, "delivery-old", push("refs/heads/main", second), HOOK_SECRET).getOutcome());

        deliveries.forgetOnce(java.time.Instant.now());
        assertEquals("duplicate", github(name, "delivery-old", push("refs/heads/main", second), HOOK_SECRET)
                .getOutcome(), "a delivery within the retention is still known");
        pool.preparedQuery("UPDATE webhook_delivery SET received_at = now() - interval '31 days' WHERE delivery_id = $1")
                .execute(Tuple.of("delivery-old")).await().atMost(Duration.ofSeconds(5));
        assertTrue(deliveries.forgetOnce(java.time.Instant.now()) >= 1);

        assertEquals(0L, pool.preparedQuery("SELECT count(*) FROM webhook_delivery WHERE delivery_id = $1")
                .execute(Tuple.of("delivery-old")).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0));
    }

    @Test
    void onlyTheGatewayRelaysDeliveries() throws Exception {
        String name = bind(0);
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> developer.receiveWebhook(
                ReceiveWebhookRequest.newBuilder().setProvider("github").setPipelineName(name).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
    }

    @Test
    void fileUrlsAndBadIntervalsAreCheckedAtBinding() {
        StatusRuntimeException scheme = assertThrows(StatusRuntimeException.class, () -> developer.setPipelineSource(
                SetPipelineSourceRequest.newBuilder().setSource(PipelineSource.newBuilder().setPipelineName("s-bad")
                        .setRepositoryUrl("git://example.com/x.git")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, scheme.getStatus().getCode());
        StatusRuntimeException interval = assertThrows(StatusRuntimeException.class, () -> developer
                .setPipelineSource(SetPipelineSourceRequest.newBuilder().setSource(PipelineSource.newBuilder()
                        .setPipelineName("s-bad").setRepositoryUrl("https://example.com/x.git")
                        .setPollIntervalSeconds(5)).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, interval.getStatus().getCode());
    }

    @Test
    void pollingStartsOneRunPerNewCommitOnAMatchingBranch() throws Throwable {
        String name = bind(10);
        due(name);
        // The first poll notes the heads.
        poller.pollOnce();
        assertEquals(0, runs(name));

        write("src/app.txt", "v2\n");
        String second = commit("v2");
        git("checkout", "--quiet", "-b", "feature");
        write("src/app.txt", "feature\n");
        commit("feature work");
        git("checkout", "--quiet", "main");
        due(name);
        poller.pollOnce();
        List<Run> runs = developer.listRuns(ListRunsRequest.newBuilder().setPipelineName(name).build()).getRunsList();
        assertEquals(1, runs.size(), "feature matches no filter");
        assertEquals(second, runs.get(0).getCommitSha());
        assertEquals("poll", runs.get(0).getTrigger());
        assertEquals("main", runs.get(0).getRef().replace("refs/heads/", ""));

        due(name);
        poller.pollOnce();
        assertEquals(1, runs(name), "an unchanged head starts nothing");
        // Not due: the next poll is an interval away.
        write("src/app.txt", "v3\n");
        commit("v3");
        poller.pollOnce();
        assertEquals(1, runs(name));
        due(name);
        poller.pollOnce();
        assertEquals(2, runs(name));
    }

    private void due(String name) {
        pool.preparedQuery("UPDATE pipeline_source SET next_poll_at = now() - interval '1 second' "
                + "WHERE pipeline_id = (SELECT id FROM pipeline WHERE name = $1) AND next_poll_at IS NOT NULL")
                .execute(Tuple.of(name)).await().atMost(Duration.ofSeconds(5));
    }

}
