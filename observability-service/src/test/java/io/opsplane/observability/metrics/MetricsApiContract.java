package io.opsplane.observability.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.observability.rest.DiscoveryRoute;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.observability.v1.BuildInfoRequest;
import io.opsplane.proto.observability.v1.LabelValuesRequest;
import io.opsplane.proto.observability.v1.LabelsRequest;
import io.opsplane.proto.observability.v1.MetricsServiceGrpc;
import io.opsplane.proto.observability.v1.QueryRangeRequest;
import io.opsplane.proto.observability.v1.QueryRequest;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.ResultType;
import io.opsplane.proto.observability.v1.Sample;
import io.opsplane.proto.observability.v1.SeriesRequest;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.RemoteWrite;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PromQL through observability-service against a real metrics store: samples pushed with remote write come back
 * through gRPC exactly; the store's errors keep their message and position; the sample limit and the permission
 * hold. And the scrape discovery answers the store's token only. Each store the service supports runs these tests:
 * {@link MetricsApiTest} (Prometheus), {@link MetricsApiOnVictoriaMetricsTest}. The sample limit is 50.
 */
abstract class MetricsApiContract {

    /** This run's series: a label no other run or platform uses. */
    private static final String RUN = UUID.randomUUID().toString();
    private static final String SELECTOR = "opsplane_test_requests{run=\"" + RUN + "\"}";
    /** Ten samples a second apart, ending a little before now (the store takes no samples from the future). */
    private static final long END_MS = (Instant.now().toEpochMilli() / 1000 - 5) * 1000;
    private static final long START_MS = END_MS - 9_000;

    @GrpcClient("self")
    MetricsServiceGrpc.MetricsServiceBlockingStub unauthenticated;

    MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

    /** The store's own words for {@code query}'s unclosed parenthesis, which must reach the caller unchanged. */
    abstract void assertUnclosedParenthesis(String query, String description);

    /** The store's refusal of a range of more points than it allows. */
    abstract void assertTooManyPoints(String description);

    /** A scalar answer as the store gives it (Prometheus a scalar, VictoriaMetrics a one-series vector). */
    abstract void assertScalar(QueryResult result, double value, long timestampMs);

    abstract void assertBuildInfo(io.opsplane.proto.observability.v1.BuildInfoResult info);

    @BeforeAll
    static void pushSamples() throws Exception {
        List<RemoteWrite.Series> series = List.of("a", "b").stream().map(code -> new RemoteWrite.Series(
                Map.of("__name__", "opsplane_test_requests", "run", RUN, "code", code),
                LongStream.rangeClosed(0, 9).mapToObj(i -> new RemoteWrite.Sample(START_MS + i * 1000,
                        code.equals("a") ? i : i * 0.5)).toList())).toList();
        String store = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("opsplane.metrics.url", String.class);
        RemoteWrite.push(store, series);
        awaitVisible(store);
    }

    /** Some stores make pushed samples searchable a moment later (VictoriaMetrics flushes about every second). */
    private static void awaitVisible(String store) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI series = java.net.URI.create(store + "/api/v1/series?match[]="
                + java.net.URLEncoder.encode(SELECTOR, java.nio.charset.StandardCharsets.UTF_8) + "&start="
                + START_MS / 1000 + "&end=" + END_MS / 1000);
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(series).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"code\":\"a\"") && body.contains("\"code\":\"b\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the store did not show the pushed series within 15 s");
    }

    @BeforeEach
    void callAsAViewer() {
        metrics = TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), unauthenticated);
    }

    private static Timestamp at(long ms) {
        return Timestamps.of(Instant.ofEpochMilli(ms));
    }

    @Test
    void anInstantQueryReturnsThePushedSamples() {
        QueryResult result = metrics.query(QueryRequest.newBuilder().setQuery("sort_desc(" + SELECTOR + ")")
                .setTime(at(END_MS)).build());
        assertEquals(ResultType.VECTOR, result.getResultType());
        assertEquals(2, result.getSeriesCount());
        assertEquals(Map.of("__name__", "opsplane_test_requests", "run", RUN, "code", "a"),
                result.getSeries(0).getLabelsMap());
        assertEquals(List.of(Sample.newBuilder().setTimestampMs(END_MS).setValue(9).build()),
                result.getSeries(0).getSamplesList());
        assertEquals(4.5, result.getSeries(1).getSamples(0).getValue());

        QueryResult sum = metrics.query(QueryRequest.newBuilder().setQuery("sum(" + SELECTOR + ")")
                .setTime(at(END_MS)).build());
        assertEquals(Map.of(), sum.getSeries(0).getLabelsMap());
        assertEquals(13.5, sum.getSeries(0).getSamples(0).getValue());

        assertScalar(metrics.query(QueryRequest.newBuilder().setQuery("scalar(sum(" + SELECTOR + ")) * 2")
                .setTime(at(END_MS)).build()), 27, END_MS);
    }

    @Test
    void aRangeQueryReturnsEveryPoint() {
        QueryResult result = metrics.queryRange(QueryRangeRequest.newBuilder()
                .setQuery(SELECTOR.replace("}", ",code=\"a\"}")).setStart(at(START_MS)).setEnd(at(END_MS))
                .setStep(com.google.protobuf.Duration.newBuilder().setSeconds(1)).build());
        assertEquals(ResultType.MATRIX, result.getResultType());
        assertEquals(1, result.getSeriesCount());
        assertEquals(LongStream.rangeClosed(0, 9).mapToObj(i -> Sample.newBuilder().setTimestampMs(START_MS + i * 1000)
                .setValue(i).build()).toList(), result.getSeries(0).getSamplesList());
    }

    @Test
    void seriesLabelsAndValuesOfThePushedSeries() {
        var series = metrics.series(SeriesRequest.newBuilder().addMatch(SELECTOR).setStart(at(START_MS))
                .setEnd(at(END_MS)).build());
        assertEquals(List.of("a", "b"), series.getSeriesList().stream().map(set -> set.getLabelsOrThrow("code"))
                .sorted().toList());
        var labels = metrics.labels(LabelsRequest.newBuilder().addMatch(SELECTOR).setStart(at(START_MS))
                .setEnd(at(END_MS)).build());
        assertEquals(List.of("__name__", "code", "run"), labels.getValuesList());
        var values = metrics.labelValues(LabelValuesRequest.newBuilder().setName("code").addMatch(SELECTOR)
                .setStart(at(START_MS)).setEnd(at(END_MS)).build());
        assertEquals(List.of("a", "b"), values.getValuesList());
        assertBuildInfo(metrics.buildInfo(BuildInfoRequest.getDefaultInstance()));
    }

    @Test
    void theStoresErrorsKeepTheirMessageAndPosition() {
        String unclosed = "sum(rate(" + SELECTOR + "[1m])";
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> metrics.query(QueryRequest.newBuilder().setQuery(unclosed).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertUnclosedParenthesis(unclosed, e.getStatus().getDescription());

        StatusRuntimeException step = assertThrows(StatusRuntimeException.class,
                () -> metrics.queryRange(QueryRangeRequest.newBuilder().setQuery("up").setStart(at(0))
                        .setEnd(at(END_MS)).setStep(com.google.protobuf.Duration.newBuilder().setSeconds(1)).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, step.getStatus().getCode());
        assertTooManyPoints(step.getStatus().getDescription());

        StatusRuntimeException name = assertThrows(StatusRuntimeException.class,
                () -> metrics.labelValues(LabelValuesRequest.newBuilder().setName("../../-/quit").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, name.getStatus().getCode());
    }

    @Test
    void answersOverTheSampleLimitAreRefused() {
        // Two series of 30 points: 60 samples, over this test's limit of 50 (whatever the store's lookback).
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> metrics.queryRange(QueryRangeRequest.newBuilder()
                        .setQuery("label_replace(vector(1), \"s\", \"a\", \"\", \"\") or "
                                + "label_replace(vector(2), \"s\", \"b\", \"\", \"\")").setStart(at(START_MS))
                        .setEnd(at(START_MS + 29_000)).setStep(com.google.protobuf.Duration.newBuilder().setSeconds(1))
                        .build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("the answer holds more than 50 samples"),
                e.getStatus().getDescription());
    }

    @Test
    void queriesNeedMetricsRead() {
        var nobody = TestPrincipals.as(TestPrincipals.nobody(), unauthenticated);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> nobody.query(QueryRequest.newBuilder().setQuery("up").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                () -> unauthenticated.query(QueryRequest.newBuilder().setQuery("up").build())).getStatus().getCode());
    }

    @Test
    void discoveryListsThePlatformToTheStoreOnly() {
        given().header("Authorization", "Bearer " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                .when().get(DiscoveryRoute.PATH)
                .then().statusCode(200).contentType("application/json")
                .body("findAll { it.labels.component != null }", hasSize(9))
                .body("labels.service", hasItems("gateway", "security-service", "pipeline-service", "infra-service",
                        "deploy-service", "observability-service", "healing-service", "runner"))
                .body("find { it.labels.service == 'observability-service' }.targets[0]", equalTo("127.0.0.1:8084"))
                .body("find { it.labels.component == 'runner-2' }.targets[0]", equalTo("127.0.0.1:8091"))
                .body("[0].labels.__metrics_path__", equalTo("/q/metrics"));
        given().when().get(DiscoveryRoute.PATH).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong-" + MetricsStoreTestResource.DISCOVERY_TOKEN)
                .when().get(DiscoveryRoute.PATH).then().statusCode(401)
                .body("detail", containsString("present its discovery token"));
        given().header("Authorization", "Basic " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                .when().get(DiscoveryRoute.PATH).then().statusCode(401);
    }
}
