package io.opsplane.pipeline.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.pipeline.v1.GetPipelineRequest;
import io.opsplane.proto.pipeline.v1.ListPipelinesRequest;
import io.opsplane.proto.pipeline.v1.ListPipelinesResponse;
import io.opsplane.proto.pipeline.v1.Pipeline;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.RegisterPipelineResponse;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "pipeline"))
class PipelineGrpcServiceTest {


    @GrpcClient("self")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelinesUnauthenticated;

    /** Calls as a developer, relayed by the gateway. */
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @jakarta.inject.Inject
    io.opsplane.platform.events.Topics topics;

    private static String uniqueName() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RegisterPipelineResponse register(String name, String definition) {
        return pipelines.registerPipeline(RegisterPipelineRequest.newBuilder().setName(name).setDefinition(definition)
                .build());
    }

    private static String data(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void callAsAnAuthenticatedUser() {
        pipelines = TestPrincipals.as(TestPrincipals.user("test-developer", "developer", "global"), pipelinesUnauthenticated);
    }

    @Test
    void eachChangedDefinitionIsANewVersionAnnouncedOnKafka() {
        String name = uniqueName();
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("pipeline")))) {
            RegisterPipelineResponse first = register(name, "build:\n  script: make\n");
            RegisterPipelineResponse again = register(name, "build:\n  script: make\n");
            RegisterPipelineResponse second = register(name, "build:\n  script: make all\n");

            assertTrue(first.getCreated());
            assertEquals(1, first.getVersion().getVersion());
            assertFalse(again.getCreated(), "the same document must not make a new version");
            assertEquals(1, again.getVersion().getVersion());
            assertTrue(second.getCreated());
            assertEquals(2, second.getVersion().getVersion());

            List<ConsumerRecord<String, byte[]>> events = tap.await(r -> name.equals(r.key()), 3, Duration.ofSeconds(5));
            assertEquals(2, events.size(), "one event per new version, none for the unchanged registration");
            ConsumerRecord<String, byte[]> event = events.get(0);
            assertEquals("1.0", EventTap.header(event, "ce_specversion"));
            assertEquals("opsplane.events.v1.PipelineRegistered", EventTap.header(event, "ce_type"));
            assertEquals("opsplane/pipeline-service", EventTap.header(event, "ce_source"));
            assertEquals(name, EventTap.header(event, "ce_subject"));
            assertEquals("application/json", EventTap.header(event, "content-type"));
            assertTrue(data(events.get(0)).contains("\"version\":1"), data(events.get(0)));
            assertTrue(data(events.get(1)).contains("\"version\":2"), "events of one pipeline keep their order");
            assertTrue(data(event).contains("\"registeredBy\":\"test-developer\""));
            assertEquals(first.getVersion().getSha256(), data(event).replaceAll(".*\"sha256\":\"([0-9a-f]+)\".*", "$1"));
        }
        Pipeline pipeline = pipelines.getPipeline(GetPipelineRequest.newBuilder().setName(name).build());
        assertEquals(List.of(2, 1), pipeline.getVersionsList().stream().map(v -> v.getVersion()).toList());
        assertEquals("build:\n  script: make\n", pipeline.getVersions(1).getDefinition());
    }

    @Test
    void malformedYamlIsRejectedWithItsLineAndColumn() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> register(uniqueName(), "stages:\n  - build\n bad: [unclosed\n"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().matches("definition: line \\d+, column \\d+: .+"),
                e.getStatus().getDescription());
    }

    static List<Arguments> hostileRegistrations() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(",*").append(prev).append(",*")
                    .append(prev).append(",*").append(prev).append(",*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append(",*").append(prev).append("]\n");
        }
        return List.of(
                Arguments.of("Upper-Case", "a: 1", "name"),
                Arguments.of("../etc", "a: 1", "name"),
                Arguments.of("", "a: 1", "name"),
                Arguments.of("x".repeat(64), "a: 1", "name"),
                Arguments.of("ok-name", "", "empty"),
                Arguments.of("ok-name", "just a string", "mapping"),
                Arguments.of("ok-name", "- a\n- b\n", "mapping"),
                Arguments.of("ok-name", "a: 1\na: 2\n", "duplicate"),
                Arguments.of("ok-name", bomb.toString(), "alias"),
                Arguments.of("ok-name", "a: " + "[".repeat(5000) + "]".repeat(5000), "nesting"),
                Arguments.of("ok-name", "a: !!python/object:os.system echo\n", "line 1"),
                Arguments.of("ok-name", "a: b\u0000c\n", "line 1, column 5: special characters"),
                Arguments.of("ok-name", "a: 1\n---\nb: 2\n", "one YAML document"));
    }

    @ParameterizedTest
    @MethodSource("hostileRegistrations")
    void hostileInputIsInvalidArgumentAndStoresNothing(String name, String definition, String mentioned) {
        String unique = name.equals("ok-name") ? uniqueName() : name;
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> register(unique, definition));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(mentioned), e.getStatus().getDescription());
        assertFalse(e.getStatus().getDescription().contains("Exception"), "no class names reach a client");
        if (name.equals("ok-name")) {
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                    () -> pipelines.getPipeline(GetPipelineRequest.newBuilder().setName(unique).build()));
            assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        }
    }

    @Test
    void anUnknownPipelineIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> pipelines.getPipeline(GetPipelineRequest.newBuilder().setName(uniqueName()).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void concurrentRegistrationsOfOneNameGetDistinctVersions() throws Exception {
        String name = uniqueName();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RegisterPipelineResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String definition = "job" + i + ":\n  script: run " + i + "\n";
                calls.add(pool.submit(() -> register(name, definition)));
            }
            Set<Integer> versions = new java.util.TreeSet<>();
            for (Future<RegisterPipelineResponse> call : calls) {
                versions.add(call.get().getVersion().getVersion());
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), versions);
        } finally {
            pool.shutdownNow();
        }
        Pipeline pipeline = pipelines.getPipeline(GetPipelineRequest.newBuilder().setName(name).build());
        assertEquals(8, pipeline.getVersionsCount());
        assertEquals(8, pipeline.getVersionsList().stream().map(v -> v.getSha256()).collect(Collectors.toSet()).size());
    }

    @Test
    void aDeveloperScopedToOnePipelineUsesThatPipelineOnly() {
        String mine = uniqueName();
        String theirs = uniqueName();
        register(theirs, "build:\n  script: make\n");
        PipelineServiceGrpc.PipelineServiceBlockingStub scoped = TestPrincipals.as(
                TestPrincipals.user("web-dev", "developer", "pipeline:" + mine), pipelinesUnauthenticated);

        scoped.registerPipeline(RegisterPipelineRequest.newBuilder().setName(mine).setDefinition("build:\n  script: make\n")
                .build());
        assertEquals(mine, scoped.getPipeline(GetPipelineRequest.newBuilder().setName(mine).build()).getName());
        StatusRuntimeException write = assertThrows(StatusRuntimeException.class, () -> scoped.registerPipeline(
                RegisterPipelineRequest.newBuilder().setName(theirs).setDefinition("build:\n  script: evil\n").build()));
        StatusRuntimeException read = assertThrows(StatusRuntimeException.class,
                () -> scoped.getPipeline(GetPipelineRequest.newBuilder().setName(theirs).build()));

        assertEquals(Status.Code.PERMISSION_DENIED, write.getStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, read.getStatus().getCode());
        assertTrue(write.getStatus().getDescription().contains("pipeline:" + theirs), write.getStatus().getDescription());
    }

    @Test
    void aViewerReadsButCannotRegister() {
        PipelineServiceGrpc.PipelineServiceBlockingStub viewer = TestPrincipals.as(
                TestPrincipals.user("watcher", "viewer", "global"), pipelinesUnauthenticated);
        String name = uniqueName();
        register(name, "build:\n  script: make\n");

        assertEquals(name, viewer.getPipeline(GetPipelineRequest.newBuilder().setName(name).build()).getName());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> viewer.registerPipeline(
                RegisterPipelineRequest.newBuilder().setName(uniqueName()).setDefinition("build:\n  script: x\n").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void aListingShowsOnlyWhatTheCallerMayReadByNameAndInPages() {
        String prefix = "l" + UUID.randomUUID().toString().substring(0, 8);
        for (String suffix : List.of("c", "a", "b")) {
            register(prefix + "-" + suffix, "build:\n  script: make\n");
        }
        register(prefix + "-a", "build:\n  script: make all\n");

        ListPipelinesResponse first = pipelines.listPipelines(ListPipelinesRequest.newBuilder().setNamePrefix(prefix)
                .setPageSize(2).build());
        ListPipelinesResponse second = pipelines.listPipelines(ListPipelinesRequest.newBuilder().setNamePrefix(prefix)
                .setPageSize(2).setPageToken(first.getNextPageToken()).build());
        assertEquals(List.of(prefix + "-a", prefix + "-b"), names(first));
        assertEquals(2, first.getPipelines(0).getLatestVersion());
        assertEquals(List.of(prefix + "-c"), names(second));
        assertEquals("", second.getNextPageToken());

        PipelineServiceGrpc.PipelineServiceBlockingStub scoped = TestPrincipals.as(
                TestPrincipals.user("b-dev", "developer", "pipeline:" + prefix + "-b"), pipelinesUnauthenticated);
        assertEquals(List.of(prefix + "-b"), names(scoped.listPipelines(ListPipelinesRequest.newBuilder()
                .setNamePrefix(prefix).build())));
        PipelineServiceGrpc.PipelineServiceBlockingStub nobody = TestPrincipals.as(
                TestPrincipals.user("nobody", "viewer", "pipeline:elsewhere"), pipelinesUnauthenticated);
        assertEquals(List.of(), names(nobody.listPipelines(ListPipelinesRequest.newBuilder()
                .setNamePrefix(prefix).build())));
    }

    @Test
    void aListingRefusesBadPagesAndPrefixes() {
        for (ListPipelinesRequest bad : List.of(ListPipelinesRequest.newBuilder().setPageSize(501).build(),
                ListPipelinesRequest.newBuilder().setPageSize(-1).build(),
                ListPipelinesRequest.newBuilder().setNamePrefix("web_%").build(),
                ListPipelinesRequest.newBuilder().setPageToken("not a name!").build())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> pipelines.listPipelines(bad));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), bad.toString());
        }
    }

    private static List<String> names(ListPipelinesResponse page) {
        return page.getPipelinesList().stream().map(p -> p.getName()).toList();
    }
}
