package io.opsplane.observability.targets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.observability.rest.DiscoveryRoute;
import io.opsplane.proto.observability.v1.CreateScrapeTargetRequest;
import io.opsplane.proto.observability.v1.DeleteScrapeTargetRequest;
import io.opsplane.proto.observability.v1.GetScrapeTargetRequest;
import io.opsplane.proto.observability.v1.ListScrapeTargetsRequest;
import io.opsplane.proto.observability.v1.MetricsServiceGrpc;
import io.opsplane.proto.observability.v1.QueryRequest;
import io.opsplane.proto.observability.v1.ScrapeTarget;
import io.opsplane.proto.observability.v1.ScrapeTargetServiceGrpc;
import io.opsplane.proto.observability.v1.WriteRequest;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.RemoteWrite;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Users' scrape jobs through gRPC: stored with their event, served to the store's discovery after the platform's
 * own components, refused clearly when wrong, and removed again; and samples pushed by remote write through
 * observability-service into the real store.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(value = MetricsStoreTestResource.class)
class ScrapeTargetsTest {

    private final String name = "node-" + UUID.randomUUID().toString().substring(0, 8);

    @GrpcClient("self")
    ScrapeTargetServiceGrpc.ScrapeTargetServiceBlockingStub unauthenticated;

    @GrpcClient("self")
    MetricsServiceGrpc.MetricsServiceBlockingStub unauthenticatedMetrics;

    @Inject
    Pool pool;

    private ScrapeTargetServiceGrpc.ScrapeTargetServiceBlockingStub operator() {
        return TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), unauthenticated);
    }

    private ScrapeTargetServiceGrpc.ScrapeTargetServiceBlockingStub viewer() {
        return TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), unauthenticated);
    }

    private static ScrapeTarget.Builder target(String name, String... addresses) {
        return ScrapeTarget.newBuilder().setName(name).addAllTargets(List.of(addresses));
    }

    @AfterEach
    void removeThisTestsJobs() {
        pool.preparedQuery("DELETE FROM scrape_target WHERE name LIKE $1").execute(Tuple.of(name + "%"))
                .await().indefinitely();
    }

    @Test
    void anAddedJobIsDiscoveredAfterThePlatformsComponentsAndGoneOnceRemoved() {
        ScrapeTarget created = operator().createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                .setTarget(target(name, "10.0.0.1:9100", "[::1]:9100").putLabels("environment", "staging")
                        .setScheme("https")).build());
        assertEquals(List.of("10.0.0.1:9100", "[::1]:9100"), created.getTargetsList());
        assertEquals("/metrics", created.getMetricsPath());
        assertEquals("test-operator", created.getCreatedBy());
        assertEquals(created, viewer().getScrapeTarget(GetScrapeTargetRequest.newBuilder().setName(name).build()));
        assertTrue(viewer().listScrapeTargets(ListScrapeTargetsRequest.getDefaultInstance()).getTargetsList()
                .contains(created));

        String job = "find { it.labels.job == '" + name + "' }";
        given().header("Authorization", "Bearer " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                .when().get(DiscoveryRoute.PATH)
                .then().statusCode(200)
                .body("[0].labels.component", equalTo("gateway"))
                .body(job + ".targets", equalTo(List.of("10.0.0.1:9100", "[::1]:9100")))
                .body(job + ".labels", equalTo(Map.of("__metrics_path__", "/metrics", "__scheme__", "https",
                        "job", name, "environment", "staging")));
        assertEquals(1L, events("opsplane.events.v1.ScrapeTargetAdded"));

        operator().deleteScrapeTarget(DeleteScrapeTargetRequest.newBuilder().setName(name).build());
        given().header("Authorization", "Bearer " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                .when().get(DiscoveryRoute.PATH)
                .then().statusCode(200).body("findAll { it.labels.job == '" + name + "' }", hasSize(0));
        assertEquals(1L, events("opsplane.events.v1.ScrapeTargetRemoved"));
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> operator()
                .deleteScrapeTarget(DeleteScrapeTargetRequest.newBuilder().setName(name).build())).getStatus().getCode());
    }

    @Test
    void aJobWithAnHttpDiscoveryEndpointServesWhatItListsAndKeepsTheLastGoodDocument() throws Exception {
        String[] document = {"""
                [{"targets": ["10.0.0.7:9100", "10.0.0.8:9100"],
                  "labels": {"rack": "r1", "__meta_datacenter": "east"}},
                 {"targets": [], "labels": {"empty": "group"}}]"""};
        HttpServer sd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sd.createContext("/sd", exchange -> {
            byte[] body = document[0].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sd.start();
        String job = "find { it.labels.job == '" + name + "' }";
        try {
            String url = "http://127.0.0.1:" + sd.getAddress().getPort() + "/sd";
            ScrapeTarget created = operator().createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                    .setTarget(ScrapeTarget.newBuilder().setName(name).setHttpSdUrl(url).setHttpSdRefreshInterval("5s")
                            .putLabels("environment", "staging")).build());
            assertEquals(url, created.getHttpSdUrl());
            assertEquals("5s", created.getHttpSdRefreshInterval());
            assertEquals(List.of(), created.getTargetsList());

            eventually(() -> given().header("Authorization", "Bearer " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                    .when().get(DiscoveryRoute.PATH)
                    .then().statusCode(200)
                    .body(job + ".targets", equalTo(List.of("10.0.0.7:9100", "10.0.0.8:9100")))
                    .body(job + ".labels", equalTo(Map.of("__metrics_path__", "/metrics", "__scheme__", "http",
                            "job", name, "environment", "staging", "rack", "r1"))));
            ScrapeTarget read = viewer().getScrapeTarget(GetScrapeTargetRequest.newBuilder().setName(name).build());
            assertEquals(2, read.getHttpSdStatus().getTargets());
            assertEquals("", read.getHttpSdStatus().getLastError());

            // A document with the cloud metadata address is refused whole; the last good one stays in force.
            document[0] = "[{\"targets\": [\"169.254.169.254:80\"]}]";
            eventually(() -> assertTrue(viewer().getScrapeTarget(GetScrapeTargetRequest.newBuilder().setName(name)
                    .build()).getHttpSdStatus().getLastError().contains("169.254.169.254")));
            given().header("Authorization", "Bearer " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                    .when().get(DiscoveryRoute.PATH)
                    .then().statusCode(200).body(job + ".targets", equalTo(List.of("10.0.0.7:9100", "10.0.0.8:9100")));
        } finally {
            sd.stop(0);
        }

        StatusRuntimeException both = assertThrows(StatusRuntimeException.class, () -> operator().createScrapeTarget(
                CreateScrapeTargetRequest.newBuilder().setTarget(target(name + "-both", "10.0.0.1:9100")
                        .setHttpSdUrl("http://10.0.0.2/sd")).build()));
        assertTrue(both.getStatus().getDescription().contains("either targets or httpSdUrl"),
                both.getStatus().getDescription());
        StatusRuntimeException metadata = assertThrows(StatusRuntimeException.class, () -> operator()
                .createScrapeTarget(CreateScrapeTargetRequest.newBuilder().setTarget(ScrapeTarget.newBuilder()
                        .setName(name + "-md").setHttpSdUrl("http://169.254.169.254/latest")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, metadata.getStatus().getCode());
        assertTrue(metadata.getStatus().getDescription().startsWith("httpSdUrl"), metadata.getStatus().getDescription());
        StatusRuntimeException tooOften = assertThrows(StatusRuntimeException.class, () -> operator()
                .createScrapeTarget(CreateScrapeTargetRequest.newBuilder().setTarget(ScrapeTarget.newBuilder()
                        .setName(name + "-often").setHttpSdUrl("http://10.0.0.2/sd").setHttpSdRefreshInterval("1s"))
                        .build()));
        assertTrue(tooOften.getStatus().getDescription().contains("from 5s to 1h"),
                tooOften.getStatus().getDescription());
    }

    private static void eventually(Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void aWrongOrDuplicateJobIsRefusedNamingWhyAndNothingIsStored() {
        StatusRuntimeException metadata = assertThrows(StatusRuntimeException.class, () -> operator()
                .createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                        .setTarget(target(name, "169.254.169.254:80")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, metadata.getStatus().getCode());
        assertTrue(metadata.getStatus().getDescription().startsWith("targets[0] '169.254.169.254:80' may not be "
                + "scraped"), metadata.getStatus().getDescription());
        StatusRuntimeException reserved = assertThrows(StatusRuntimeException.class, () -> operator()
                .createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                        .setTarget(target("gateway", "127.0.0.1:1")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, reserved.getStatus().getCode());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> viewer()
                .getScrapeTarget(GetScrapeTargetRequest.newBuilder().setName(name).build())).getStatus().getCode());
        assertEquals(0L, events("opsplane.events.v1.ScrapeTargetAdded"));

        operator().createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                .setTarget(target(name, "127.0.0.1:9100")).build());
        StatusRuntimeException duplicate = assertThrows(StatusRuntimeException.class, () -> operator()
                .createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                        .setTarget(target(name, "127.0.0.1:9200")).build()));
        assertEquals(Status.Code.ALREADY_EXISTS, duplicate.getStatus().getCode());
        assertEquals(List.of("127.0.0.1:9100"), viewer().getScrapeTarget(GetScrapeTargetRequest.newBuilder()
                .setName(name).build()).getTargetsList());
    }

    @Test
    void aViewerMayReadJobsButNotAddOrRemoveThem() {
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> viewer()
                .createScrapeTarget(CreateScrapeTargetRequest.newBuilder()
                        .setTarget(target(name, "127.0.0.1:9100")).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(StatusRuntimeException.class, () -> viewer()
                .deleteScrapeTarget(DeleteScrapeTargetRequest.newBuilder().setName(name).build())).getStatus().getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class, () -> unauthenticated
                .listScrapeTargets(ListScrapeTargetsRequest.getDefaultInstance())).getStatus().getCode());
    }

    @Test
    void remoteWriteThroughTheServiceLandsInTheStoreAndTheStoresRefusalKeepsItsMessage() {
        var ingest = TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"),
                unauthenticatedMetrics);
        long at = (Instant.now().toEpochMilli() / 1000 - 2) * 1000;
        byte[] body = RemoteWrite.body(List.of(new RemoteWrite.Series(
                Map.of("__name__", "opsplane_test_pushed", "run", name), List.of(new RemoteWrite.Sample(at, 42)))));
        ingest.write(WriteRequest.newBuilder().setBody(ByteString.copyFrom(body)).build());
        var result = ingest.query(QueryRequest.newBuilder().setQuery("opsplane_test_pushed{run=\"" + name + "\"}")
                .setTime(io.opsplane.platform.grpc.Timestamps.of(Instant.ofEpochMilli(at))).build());
        assertEquals(42, result.getSeries(0).getSamples(0).getValue());

        StatusRuntimeException garbage = assertThrows(StatusRuntimeException.class, () -> ingest.write(
                WriteRequest.newBuilder().setBody(ByteString.copyFromUtf8("not snappy at all")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, garbage.getStatus().getCode());
        assertTrue(garbage.getStatus().getDescription().contains("HTTP 400"), garbage.getStatus().getDescription());
        assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class, () -> ingest.write(
                WriteRequest.getDefaultInstance())).getStatus().getCode());

        var viewer = TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), unauthenticatedMetrics);
        assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(StatusRuntimeException.class, () -> viewer.write(
                WriteRequest.newBuilder().setBody(ByteString.copyFrom(body)).build())).getStatus().getCode());
    }

    private long events(String type) {
        return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND subject = $2")
                .execute(Tuple.of(type, name)).await().indefinitely().iterator().next().getLong(0);
    }
}
