package io.opsplane.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.testing.EventTap;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A newcomer's first hour, automated: start the platform with {@code ./opsplane up}, call the API
 * through the gateway with the printed admin token, follow the events with a plain Kafka consumer,
 * read them back from the timeline, and survive {@code kill -9} of the services in the middle of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformScenarioIT {

    private static final String TOPIC = "opsplane.pipeline.events";
    private static final String REGISTERED = "opsplane.events.v1.PipelineRegistered";
    private static final LaunchedPlatform platform = new LaunchedPlatform();
    /** The admin token of the launched platform; the nested checks call with it. */
    static String token;
    /** A subscriber outside Opsplane with read access to the pipeline and security events. */
    private static Map<String, Object> subscriber;

    @BeforeAll
    static void start() throws Exception {
        platform.reset();
        Instant started = Instant.now();
        String output = platform.run("up");
        System.out.printf("platform up in %d ms%n", Duration.between(started, Instant.now()).toMillis());
        assertTrue(output.contains("Swagger UI"), output);
        token = platform.adminToken();
        RestAssured.baseURI = platform.gateway();
        subscriber = platform.kafkaSubscriber("e2e-reader", "pipeline,security");
    }

    @AfterAll
    static void stop() {
        platform.run("down");
    }

    private static io.restassured.specification.RequestSpecification api() {
        return given().header("Authorization", "Bearer " + token);
    }

    private static Response register(String name, String definition, Map<String, String> headers) {
        return api().headers(headers).contentType(ContentType.JSON)
                .body(Map.of("name", name, "definition", definition)).when().post("/api/v1/pipelines");
    }

    /** Timeline events of the query; the audit trail's events of the same calls are left out. */
    private static List<Map<String, Object>> timeline(String query) {
        return api().when().get("/api/v1/events?type=opsplane.events.v1.PipelineRegistered&" + query).then()
                .statusCode(200).extract().jsonPath()
                .getList("events");
    }

    private static List<Map<String, Object>> awaitTimeline(String query, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        List<Map<String, Object>> events = timeline(query);
        while (events.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            events = timeline(query);
        }
        return events;
    }

    @Test
    @Order(1)
    void theAdminTokenIsReadableByItsOwnerOnly() throws Exception {
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(platform.adminTokenFile())));
        api().when().get("/api/v1/whoami").then().statusCode(200).body("subject", equalTo("admin"));
    }

    @Test
    @Order(2)
    void withoutATokenEveryCallIs401() {
        given().when().get("/api/v1/pipelines/anything").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer ops_wrongwrongwrongwrongwrongwrongwrongwrongwro").when()
                .get("/api/v1/events").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/prometheus/api/v1/query?query=up").then().statusCode(401);
    }

    /**
     * The metrics store the launcher started scrapes every component it learns from observability-service's
     * discovery, and answers PromQL through the gateway in Prometheus's own JSON, errors and positions included.
     */
    @Test
    @Order(5)
    void everyComponentIsScrapedAndPromqlAnswersThroughTheGateway() throws Exception {
        List<String> services = List.of("gateway", "security-service", "pipeline-service", "infra-service",
                "deploy-service", "observability-service", "healing-service", "runner");
        JsonPath up = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            up = api().formParam("query", "up{job!=\"prometheus\"} == 1").when().post("/prometheus/api/v1/query")
                    .then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("success"))
                    .extract().jsonPath();
            if (up.getList("data.result.metric.service").containsAll(services)) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(up.getList("data.result.metric.service").containsAll(services), up.prettify());
        assertEquals("vector", up.getString("data.resultType"));
        // The gateway's own series, scraped every second.
        long now = Instant.now().getEpochSecond();
        api().queryParam("query", "up{service=\"gateway\"}").queryParam("start", now - 10).queryParam("end", now)
                .queryParam("step", "1s").when().get("/prometheus/api/v1/query_range").then().statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .body("data.result[0].metric.job", equalTo("gateway"));
        api().queryParam("match[]", "up").when().get("/prometheus/api/v1/label/service/values").then()
                .statusCode(200).body("data", org.hamcrest.Matchers.hasItems(services.toArray()));
        api().when().get("/prometheus/api/v1/status/buildinfo").then().statusCode(200)
                .body("data.version", org.hamcrest.Matchers.startsWith("2."));
        // Byte for byte what the store itself answers (a time in the past: the answer no longer changes).
        String past = (Instant.now().getEpochSecond() - 2) + ".5";
        for (String query : List.of("up", "sum by (job) (up)", "scalar(count(up))")) {
            String direct = given().baseUri("http://127.0.0.1:" + (9490 + LaunchedPlatform.OFFSET))
                    .formParam("query", query).formParam("time", past).when().post("/api/v1/query").then()
                    .statusCode(200).extract().asString();
            String through = api().formParam("query", query).formParam("time", past).when()
                    .post("/prometheus/api/v1/query").then().statusCode(200).extract().asString();
            assertEquals(direct, through, query);
        }
        // The store's own error: type, HTTP status and the position in the query.
        api().queryParam("query", "sum(up").when().get("/prometheus/api/v1/query").then().statusCode(400)
                .body("status", equalTo("error")).body("errorType", equalTo("bad_data"))
                .body("error", equalTo("invalid parameter \"query\": 1:7: parse error: unclosed left parenthesis"));
    }

    /**
     * A scrape job added through the gateway is discovered and scraped by the store within seconds; samples pushed
     * by remote write through the gateway are queryable; removing the job answers 204.
     */
    @Test
    @Order(6)
    void anAddedScrapeJobIsScrapedAndRemoteWriteLandsInTheStore() throws Exception {
        String job = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String store = "127.0.0.1:" + (9490 + LaunchedPlatform.OFFSET);
        api().contentType(ContentType.JSON).body(Map.of("name", job, "targets", List.of(store),
                "labels", Map.of("environment", "e2e"))).when().post("/api/v1/scrape-targets").then()
                .statusCode(201).body("metricsPath", equalTo("/metrics")).body("createdBy", equalTo("admin"));
        api().contentType(ContentType.JSON).body(Map.of("name", job + "x", "targets", List.of("169.254.169.254:80")))
                .when().post("/api/v1/scrape-targets").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("may not be scraped"));
        List<Object> scraped = List.of();
        Instant deadline = Instant.now().plusSeconds(30);
        while (scraped.isEmpty() && Instant.now().isBefore(deadline)) {
            scraped = api().formParam("query", "up{job=\"" + job + "\",environment=\"e2e\"} == 1").when()
                    .post("/prometheus/api/v1/query").then().statusCode(200).extract().jsonPath().getList("data.result");
            Thread.sleep(250);
        }
        assertEquals(1, scraped.size(), "the store scrapes the added job");

        long at = (Instant.now().toEpochMilli() / 1000 - 1) * 1000;
        byte[] body = io.opsplane.testing.RemoteWrite.body(List.of(new io.opsplane.testing.RemoteWrite.Series(
                Map.of("__name__", "e2e_pushed", "job", job), List.of(new io.opsplane.testing.RemoteWrite.Sample(at, 7)))));
        api().contentType("application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0").body(body).when()
                .post("/prometheus/api/v1/write").then().statusCode(204);
        api().formParam("query", "e2e_pushed{job=\"" + job + "\"}").formParam("time", String.valueOf(at / 1000)).when()
                .post("/prometheus/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("7"));
        api().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(new byte[] {1, 2, 3})
                .when().post("/prometheus/api/v1/write").then().statusCode(400);

        api().when().delete("/api/v1/scrape-targets/" + job).then().statusCode(204);
        api().when().get("/api/v1/scrape-targets/" + job).then().statusCode(404);
    }

    @Test
    @Order(3)
    void aRegisteredPipelineIsOnKafkaAndOnTheTimelineWithOneTraceId() throws Exception {
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String correlation = "e2e-corr-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (EventTap tap = new EventTap(subscriber, List.of(TOPIC))) {
            register(name, "stages: [build]\nbuild:\n  stage: build\n  script: make\n",
                    Map.of("X-Correlation-Id", correlation, "traceparent", traceparent))
                    .then().statusCode(201)
                    .header("X-Correlation-Id", correlation)
                    .body("created", equalTo(true))
                    .body("version.version", equalTo(1))
                    .body("version.registeredBy", equalTo("admin"));

            List<ConsumerRecord<String, byte[]>> events = tap.await(r -> name.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(1, events.size(), "a plain Kafka consumer sees the event");
            ConsumerRecord<String, byte[]> event = events.get(0);
            assertEquals("opsplane.events.v1.PipelineRegistered", EventTap.header(event, "ce_type"));
            assertEquals("1.0", EventTap.header(event, "ce_specversion"));
            assertEquals(correlation, EventTap.header(event, "ce_correlationid"));
            assertTrue(EventTap.header(event, "traceparent").startsWith("00-" + traceId + "-"),
                    "the trace id of the REST call reaches Kafka: " + EventTap.header(event, "traceparent"));
            assertTrue(new String(event.value(), StandardCharsets.UTF_8).contains("\"pipelineName\":\"" + name + "\""));

            List<Map<String, Object>> timeline = awaitTimeline("correlationId=" + correlation, 1);
            assertEquals(1, timeline.size());
            assertEquals(EventTap.header(event, "ce_id"), timeline.get(0).get("id"));
            assertEquals(traceId, timeline.get(0).get("traceId"), "one trace id from the gateway to the consumer");
            assertEquals(name, ((Map<?, ?>) timeline.get(0).get("data")).get("pipelineName"));
        }
        // The platform exports its own spans: the same trace, by id through the gateway, spans the services.
        awaitTraceThrough(traceId, "gateway", "pipeline-service");
        api().when().get("/api/v1/pipelines/" + name).then().statusCode(200)
                .body("name", equalTo(name)).body("versions[0].version", equalTo(1));
        register(name, "stages: [build]\nbuild:\n  stage: build\n  script: make\n", Map.of())
                .then().statusCode(200).body("created", equalTo(false));
    }

    @Test
    @Order(4)
    void badInputGetsAClearProblem() {
        register("e2e-bad", "stages: [build\nbuild: : x\n", Map.of()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", matchesPattern("definition: line \\d+, column \\d+: .+"));
        register("Bad Name", "a: 1", Map.of()).then().statusCode(400).body("detail", containsString("name"));
        api().contentType(ContentType.JSON).body("{not json").when().post("/api/v1/pipelines").then()
                .statusCode(400).contentType("application/problem+json");
        api().when().get("/api/v1/pipelines/no-such-pipeline").then().statusCode(404)
                .contentType("application/problem+json");
        api().when().get("/api/v1/events?limit=5000").then().statusCode(400);
        api().when().get("/api/v1/events?limit=abc").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit"));
        api().when().get("/api/v1/events?from=yesterday").then().statusCode(400)
                .body("detail", containsString("RFC 3339"));
    }

    @Test
    @Order(5)
    void tokensAreIssuedAndCheckedThroughTheGateway() {
        JsonPath issued = api().contentType(ContentType.JSON)
                .body(Map.of("name", "ci viewer", "subject", "ci-bot", "roles", List.of("viewer")))
                .when().post("/api/v1/tokens").then().statusCode(201).header("Cache-Control", "no-store")
                .extract().jsonPath();
        String viewer = issued.getString("secret");
        given().header("Authorization", "Bearer " + viewer).when().get("/api/v1/whoami").then().statusCode(200)
                .body("subject", equalTo("ci-bot"));
        given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "subject", "x", "roles", List.of("admin")))
                .when().post("/api/v1/tokens").then().statusCode(403).contentType("application/problem+json");
    }

    /**
     * Access control from the outside: a viewer reads but changes nothing, a developer bound to one
     * pipeline uses that pipeline only, a token never carries more than its issuer, and a binding made
     * through the API takes effect at once.
     */
    @Test
    @Order(5)
    void rolesAndScopesDecideWhatEachTokenMayDo() {
        String web = "web-" + UUID.randomUUID().toString().substring(0, 6);
        String billing = "billing-" + UUID.randomUUID().toString().substring(0, 6);
        register(billing, "build:\n  script: make\n", Map.of()).then().statusCode(201);
        String viewer = issue(token, Map.of("name", "reader", "subject", "reader", "roles", List.of("viewer")));
        String developer = issue(token, Map.of("name", "web dev", "subject", "web-dev",
                "bindings", List.of(Map.of("role", "developer", "scope", "pipeline:" + web))));

        as(viewer).when().get("/api/v1/pipelines/" + billing).then().statusCode(200);
        as(viewer).contentType(ContentType.JSON).body(Map.of("name", web, "definition", "a: 1")).when()
                .post("/api/v1/pipelines").then().statusCode(403).contentType("application/problem+json");
        as(developer).contentType(ContentType.JSON).body(Map.of("name", web, "definition", "build:\n  script: make\n"))
                .when().post("/api/v1/pipelines").then().statusCode(201);
        as(developer).contentType(ContentType.JSON).body(Map.of("name", billing, "definition", "x:\n  script: evil\n"))
                .when().post("/api/v1/pipelines").then().statusCode(403)
                .body("detail", containsString("pipeline:" + billing));
        as(developer).when().get("/api/v1/pipelines/" + billing).then().statusCode(403);
        as(developer).when().get("/api/v1/access/check?permission=pipelines:run&resource=pipeline:" + web).then()
                .statusCode(200).body("allowed", equalTo(true)).body("role", equalTo("developer"));
        as(developer).contentType(ContentType.JSON).body(Map.of("checks", List.of(
                Map.of("permission", "pipelines:run", "resource", "pipeline:" + web),
                Map.of("permission", "pipelines:run", "resource", "pipeline:" + billing)))).when()
                .post("/api/v1/access/checks").then().statusCode(200)
                .body("decisions.allowed", equalTo(List.of(true, false)));
        // Listings show only what the caller may read.
        as(developer).when().get("/api/v1/pipelines?prefix=" + web.substring(0, 4)).then().statusCode(200)
                .body("pipelines.name", equalTo(List.of(web)));
        as(developer).contentType(ContentType.JSON).body(Map.of("name", "wider", "bindings",
                List.of(Map.of("role", "developer", "scope", "pipeline:*")))).when().post("/api/v1/tokens").then()
                .statusCode(403);
        // Mass assignment: a subject or roles in the body do not widen a developer's own token.
        as(developer).contentType(ContentType.JSON).body(Map.of("name", "mine", "subject", "admin", "roles",
                List.of("admin"))).when().post("/api/v1/tokens").then().statusCode(403);

        String binding = api().contentType(ContentType.JSON).body(Map.of("role", "developer", "scope",
                "pipeline:" + billing, "subject", "web-dev")).when().post("/api/v1/access/bindings").then()
                .statusCode(201).extract().path("id");
        String inherits = issue(token, Map.of("name", "inherits", "subject", "web-dev"));
        as(inherits).contentType(ContentType.JSON).body(Map.of("name", billing, "definition", "build:\n  script: ok\n"))
                .when().post("/api/v1/pipelines").then().statusCode(201);
        api().when().delete("/api/v1/access/bindings/" + binding).then().statusCode(200);
        as(viewer).when().get("/api/v1/access/bindings").then().statusCode(403);
        as(viewer).when().get("/api/v1/tokens").then().statusCode(200).body("tokens.subject", org.hamcrest.Matchers
                .everyItem(equalTo("reader")));
    }

    /**
     * A change made through the gateway on pipeline-service, and a refusal, land in the audit ledger of
     * security-service (outbox, Kafka, hash chain), and the ledger verifies.
     */
    @Test
    @Order(5)
    void changesAndRefusalsLandInTheVerifiedAuditLedger() throws Exception {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 6);
        String correlation = "audit-" + name;
        register(name, "build:\n  script: make\n", Map.of("X-Correlation-Id", correlation)).then().statusCode(201);
        String viewer = issue(token, Map.of("name", "auditee", "subject", "auditee", "roles", List.of("viewer")));
        as(viewer).contentType(ContentType.JSON).body(Map.of("name", name, "definition", "a: 1")).when()
                .post("/api/v1/pipelines").then().statusCode(403);

        JsonPath change = awaitAudit("correlationId=" + correlation);
        assertEquals("pipeline-service", change.getString("records[0].service"));
        assertEquals("pipelines:write", change.getString("records[0].permission"));
        assertEquals("pipeline:" + name, change.getString("records[0].resource"));
        assertEquals("succeeded", change.getString("records[0].outcome"));
        JsonPath refusal = awaitAudit("subject=auditee&outcome=denied");
        assertEquals("pipelines:write", refusal.getString("records[0].permission"));
        assertEquals("pipeline-service", refusal.getString("records[0].service"));
        as(viewer).when().get("/api/v1/audit").then().statusCode(403);
        api().when().post("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    private static JsonPath awaitAudit(String query) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonPath page = api().when().get("/api/v1/audit?" + query).then().statusCode(200).extract().jsonPath();
            if (!page.getList("records").isEmpty()) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audit record for " + query);
    }

    /**
     * Sensitive flows through the gateway: a protected environment needs an approval by someone other
     * than the requester, and a secret is written but never read back.
     */
    @Test
    @Order(5)
    void selfApprovalIsRefusedAndSecretsAreWriteOnly() {
        String environment = "prod-" + UUID.randomUUID().toString().substring(0, 6);
        // Operators may approve, so only the separation of duties stops the requester approving itself.
        String requester = issue(token, Map.of("name", "releaser", "subject", "releaser", "roles", List.of("operator")));
        String approver = issue(token, Map.of("name", "approver", "subject", "approver", "roles", List.of("operator")));
        api().contentType(ContentType.JSON).body(Map.of("requiredApprovals", 1, "deploySubjects", List.of("releaser")))
                .when().put("/api/v1/environments/" + environment + "/protection").then().statusCode(200);
        String id = as(requester).contentType(ContentType.JSON).body(Map.of("action", "deployments:create",
                "resource", "application:web", "summary", "release 1.2")).when()
                .post("/api/v1/environments/" + environment + "/approval-requests").then().statusCode(201)
                .extract().path("id");

        as(requester).contentType(ContentType.JSON).body(Map.of("comment", "looks fine to me")).when()
                .post("/api/v1/approval-requests/" + id + "/approve").then().statusCode(403)
                .body("detail", containsString("own"));
        as(approver).contentType(ContentType.JSON).body(Map.of("comment", "ok")).when()
                .post("/api/v1/approval-requests/" + id + "/approve").then().statusCode(200);

        String value = "s3cr3t-" + UUID.randomUUID();
        String body = api().contentType(ContentType.JSON).body(Map.of("value", value)).when()
                .put("/api/v1/secrets/global/DEPLOY_KEY_" + environment.replace('-', '_').toUpperCase()).then()
                .statusCode(201).extract().asString();
        String listing = api().when().get("/api/v1/secrets").then().statusCode(200).extract().asString();
        assertFalse(body.contains(value), body);
        assertFalse(listing.contains(value), listing);
        String viewer = issue(token, Map.of("name", "reader", "subject", "secret-reader", "roles", List.of("viewer")));
        as(viewer).contentType(ContentType.JSON).body(Map.of("value", "another-value")).when()
                .put("/api/v1/secrets/global/NOT_MINE").then().statusCode(403);
    }

    /** Every service's gRPC port refuses a call without a token, and everything listens on loopback only. */
    @Test
    @Order(5)
    void grpcWithoutATokenIsRefusedOnEveryServiceAndPortsAreLoopbackOnly() throws Exception {
        for (int port : new int[] {9081, 9082, 9083, 9084, 9085, 9086}) {
            io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder
                    .forAddress("127.0.0.1", port + LaunchedPlatform.OFFSET).usePlaintext().build();
            try {
                io.grpc.StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
                        io.grpc.StatusRuntimeException.class, () -> io.opsplane.proto.platform.v1.ServiceInfoServiceGrpc
                                .newBlockingStub(channel).getServiceInfo(
                                        io.opsplane.proto.platform.v1.GetServiceInfoRequest.getDefaultInstance()));
                assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), "port " + port);
            } finally {
                channel.shutdownNow();
            }
        }
        String listening = platform.listeningAddresses();
        for (String line : listening.lines().toList()) {
            assertTrue(line.startsWith("127.0.0.1:") || line.startsWith("[::ffff:127.0.0.1]:"), line);
        }
        assertFalse(listening.isBlank());
    }

    private static String issue(String issuer, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + issuer).contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/tokens").then().statusCode(201).extract().path("secret");
    }

    private static io.restassured.specification.RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    /**
     * A revoked token stops working at once: on the gateway that served the revocation, and on every
     * gateway when security-service revokes it directly (the gateway learns it from TokenRevoked on
     * Kafka), well before the 30 s its verification would otherwise stay cached.
     */
    @Test
    @Order(6)
    void aRevokedTokenIsRefusedAtOnce() throws Exception {
        JsonPath first = api().contentType(ContentType.JSON)
                .body(Map.of("name", "short-lived", "subject", "bot-1", "roles", List.of("viewer")))
                .when().post("/api/v1/tokens").then().statusCode(201).extract().jsonPath();
        String secret = first.getString("secret");
        given().header("Authorization", "Bearer " + secret).when().get("/api/v1/whoami").then().statusCode(200);
        api().when().delete("/api/v1/tokens/" + first.getString("token.id")).then().statusCode(200);
        given().header("Authorization", "Bearer " + secret).when().get("/api/v1/whoami").then().statusCode(401);

        JsonPath second = api().contentType(ContentType.JSON)
                .body(Map.of("name", "revoked-elsewhere", "subject", "bot-2", "roles", List.of("viewer")))
                .when().post("/api/v1/tokens").then().statusCode(201).extract().jsonPath();
        String other = second.getString("secret");
        given().header("Authorization", "Bearer " + other).when().get("/api/v1/whoami").then().statusCode(200);
        given().header("Authorization", "Bearer " + other).when().get("/api/v1/whoami").then().statusCode(200);

        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder
                .forAddress("127.0.0.1", 9086 + LaunchedPlatform.OFFSET).usePlaintext().build();
        try {
            io.opsplane.testing.TestPrincipals.withToken(token,
                    io.opsplane.proto.security.v1.TokenServiceGrpc.newBlockingStub(channel)).revokeToken(
                    io.opsplane.proto.security.v1.RevokeTokenRequest.newBuilder()
                            .setTokenId(second.getString("token.id")).build());
        } finally {
            channel.shutdownNow();
        }
        Instant revoked = Instant.now();
        int status = 200;
        while (status == 200 && Duration.between(revoked, Instant.now()).toSeconds() < 30) {
            status = given().header("Authorization", "Bearer " + other).when().get("/api/v1/whoami").statusCode();
            Thread.sleep(20);
        }
        long millis = Duration.between(revoked, Instant.now()).toMillis();
        System.out.printf("a token revoked behind the gateway's back was refused after %d ms%n", millis);
        assertEquals(401, status);
        assertTrue(millis < 10_000, "refused through the revocation feed, not by cache expiry: " + millis + " ms");
    }

    /**
     * Registrations keep coming while pipeline-service and observability-service are killed with
     * {@code kill -9} and started again: every registration that was answered 201 has its event on
     * Kafka and exactly once on the timeline.
     */
    private static org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer(Map<String, Object> config) {
        Map<String, Object> props = new HashMap<>(config);
        props.remove("group.id");
        props.put("max.block.ms", 5000);
        // A plain producer: an idempotent one would first ask for a producer id, and fail on that.
        props.put("enable.idempotence", false);
        props.put("acks", "1");
        props.put("delivery.timeout.ms", 8000);
        props.put("request.timeout.ms", 4000);
        return new org.apache.kafka.clients.producer.KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    /** What a forged revocation looks like: a valid TokenRevoked, claiming to come from security-service. */
    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> forgedRevocation() {
        var event = io.opsplane.platform.events.EventCatalog.instance().envelope(
                io.opsplane.proto.events.v1.TokenRevoked.newBuilder().setTokenId("forged").build(),
                "opsplane/security-service", "forged", null, null);
        return io.opsplane.platform.events.CloudEventCodec.toRecord("opsplane.security.events", event);
    }

    /** The failure of a send, unwrapped; null when the broker accepted it. */
    private static Throwable sendFailure(Map<String, Object> config,
            org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
        try (var producer = producer(config)) {
            producer.send(record).get(15, java.util.concurrent.TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Kafka asks every client for credentials and lets each principal do only what its ACLs say: a
     * client without credentials or with a wrong password gets nowhere, a service cannot write
     * another service's topic (a forged TokenRevoked is refused), a subscriber may read and not
     * write.
     */
    @Test
    @Order(7)
    void kafkaRefusesStrangersAndKeepsEachPrincipalToItsTopics() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", platform.kafka());
        Throwable noCredentials = sendFailure(anonymous, forgedRevocation());
        assertTrue(noCredentials instanceof org.apache.kafka.common.errors.TimeoutException,
                "a client without credentials is refused: " + noCredentials);
        try (EventTap stranger = new EventTap(new HashMap<>(anonymous), List.of("opsplane.security.events"))) {
            assertTrue(stranger.await(r -> true, 1, Duration.ofSeconds(5)).isEmpty(),
                    "a client without credentials reads nothing");
        }

        Map<String, Object> wrongPassword = new HashMap<>(platform.kafkaClient("pipeline-service", "SCRAM-SHA-512"));
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"pipeline-service\" password=\"guessed\";");
        Throwable badLogin = sendFailure(wrongPassword, forgedRevocation());
        assertTrue(badLogin instanceof org.apache.kafka.common.errors.SaslAuthenticationException,
                "a wrong password is refused: " + badLogin);

        Map<String, Object> pipelineService = platform.kafkaClient("pipeline-service", "SCRAM-SHA-512");
        Throwable forged = sendFailure(pipelineService, forgedRevocation());
        assertTrue(forged instanceof org.apache.kafka.common.errors.TopicAuthorizationException,
                "pipeline-service may not write security-service's topic: " + forged);
        var own = io.opsplane.platform.events.CloudEventCodec.toRecord("opsplane.pipeline.events",
                io.opsplane.platform.events.EventCatalog.instance().envelope(
                        io.opsplane.proto.events.v1.PipelineRegistered.newBuilder().setPipelineName("acl-check").build(),
                        "opsplane/pipeline-service", "acl-check", null, null));
        assertEquals(null, sendFailure(pipelineService, own), "it may write its own");

        Throwable readerWrites = sendFailure(subscriber, forgedRevocation());
        assertTrue(readerWrites instanceof org.apache.kafka.common.errors.TopicAuthorizationException,
                "a subscriber may not write: " + readerWrites);
        try (EventTap tap = new EventTap(subscriber, List.of("opsplane.security.events"))) {
            assertFalse(tap.await(r -> "opsplane.events.v1.TokenIssued".equals(EventTap.header(r, "ce_type")), 1,
                    Duration.ofSeconds(20)).isEmpty(), "a subscriber reads the security events");
        }
    }

    private static int readiness(String service) {
        return given().baseUri("http://127.0.0.1:" + platform.httpPort(service)).when().get("/q/health/ready")
                .statusCode();
    }

    private static int awaitReadiness(String service, int status, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int seen = readiness(service);
        while (seen != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            seen = readiness(service);
        }
        return seen;
    }

    /** Readiness tells the truth: the services say DOWN while their broker is stopped, UP once it is back. */
    @Test
    @Order(8)
    void readinessGoesDownWhileKafkaIsStoppedAndComesBack() throws Exception {
        assertEquals(200, readiness("pipeline-service"));
        platform.run("infra", "down");
        try {
            assertEquals(503, awaitReadiness("pipeline-service", 503, Duration.ofSeconds(60)),
                    "pipeline-service is not ready without Kafka");
            given().baseUri("http://127.0.0.1:" + platform.httpPort("pipeline-service")).when()
                    .get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("DOWN"));
        } finally {
            platform.run("up");
        }
        assertEquals(200, awaitReadiness("pipeline-service", 200, Duration.ofSeconds(60)));
        assertEquals(200, awaitReadiness("observability-service", 200, Duration.ofSeconds(60)));
    }

    @Test
    @Order(9)
    void killMinus9LosesNoEventAndRepeatsNoEffect() throws Exception {
        String correlation = "e2e-crash-" + UUID.randomUUID();
        Map<String, String> accepted = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                String name = "crash-" + (i++);
                try {
                    Response response = register(name, "job:\n  script: run " + i + "\n",
                            Map.of("X-Correlation-Id", correlation));
                    if (response.statusCode() == 201) {
                        accepted.put(name, response.jsonPath().getString("version.sha256"));
                    }
                } catch (RuntimeException e) {
                    // The service is down for a moment: the client sees an error, nothing was promised.
                }
                // At most 40 calls a second, under the gateway's 50 per token, so that the sentinel
                // registration below, made with the same token, is not refused with 429.
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (EventTap tap = new EventTap(subscriber, List.of(TOPIC))) {
            load.start();
            awaitAccepted(accepted, 5);
            platform.kill9("pipeline-service");
            platform.kill9("observability-service");
            platform.run("up");
            // The restarted consumer takes its partitions back at once (static membership), instead of
            // waiting for the killed member's session to time out.
            Instant ready = Instant.now();
            String sentinel = "resume-" + UUID.randomUUID().toString().substring(0, 8);
            String sentinelCorrelation = "e2e-resume-" + UUID.randomUUID();
            // The gateway's channel to the restarted pipeline-service may still be reconnecting: a 503 is
            // an answer a client retries.
            int status = 0;
            while (status != 201 && Duration.between(ready, Instant.now()).toSeconds() < 10) {
                status = register(sentinel, "job:\n  script: sentinel\n",
                        Map.of("X-Correlation-Id", sentinelCorrelation)).statusCode();
                Thread.sleep(status == 201 ? 0 : 100);
            }
            assertEquals(201, status, "the sentinel registration is accepted");
            assertEquals(1, awaitTimeline("correlationId=" + sentinelCorrelation, 1).size());
            long resumeMillis = Duration.between(ready, Instant.now()).toMillis();
            System.out.printf("the timeline consumer resumed %d ms after its restart%n", resumeMillis);
            assertTrue(resumeMillis < 10_000, "resumed within 10 s of the restart: " + resumeMillis + " ms");
            int before = accepted.size();
            awaitAccepted(accepted, before + 5);
            running.set(false);
            load.join(30_000);

            // Every registration of the load: also one committed just before a kill whose answer the client never
            // got (published all the same, as at-least-once promises).
            Map<String, String> eventIdByName = new HashMap<>();
            Map<String, Integer> deliveries = new HashMap<>();
            List<ConsumerRecord<String, byte[]>> events = tap.await(
                    r -> correlation.equals(EventTap.header(r, "ce_correlationid"))
                            && REGISTERED.equals(EventTap.header(r, "ce_type")),
                    Integer.MAX_VALUE, Duration.ofSeconds(20));
            events.forEach(r -> {
                eventIdByName.putIfAbsent(r.key(), EventTap.header(r, "ce_id"));
                deliveries.merge(EventTap.header(r, "ce_id"), 1, Integer::sum);
            });
            List<String> missing = new ArrayList<>(accepted.keySet());
            missing.removeAll(eventIdByName.keySet());
            assertEquals(List.of(), missing, "every accepted registration is published");
            System.out.printf("%d registrations accepted, %d Kafka deliveries of %d events%n", accepted.size(),
                    events.size(), deliveries.size());

            // Kafka may deliver an event more than once (a relay killed between acknowledgement and mark);
            // the timeline, fed by those deliveries, holds each event exactly once, and nothing else.
            List<Map<String, Object>> timeline = awaitTimeline("correlationId=" + correlation + "&type=" + REGISTERED
                    + "&limit=1000", deliveries.size());
            Map<String, Integer> recorded = new HashMap<>();
            timeline.forEach(e -> recorded.merge((String) e.get("id"), 1, Integer::sum));
            assertEquals(deliveries.keySet(), recorded.keySet(), "the timeline holds what Kafka delivered");
            assertTrue(recorded.values().stream().allMatch(n -> n == 1), "no event recorded twice: " + recorded);
        } finally {
            running.set(false);
        }
    }

    /** Waits until the trace, read by id through the gateway, holds spans of every one of {@code services}. */
    private static void awaitTraceThrough(String traceId, String... services) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            var response = api().when().get("/api/v1/traces/" + traceId);
            body = response.asString();
            String seen = body;
            if (response.statusCode() == 200 && java.util.Arrays.stream(services)
                    .allMatch(service -> seen.contains("\"service\":\"" + service + "\""))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("trace " + traceId + " does not show spans of " + String.join(", ", services)
                + " within 30 s: " + body.substring(0, Math.min(body.length(), 500)));
    }

    private static void awaitAccepted(Map<String, String> accepted, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (accepted.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(accepted.size() >= count, "only " + accepted.size() + " registrations accepted");
    }

    /** Errors of the gateway, with the platform's real security-service behind it. */
    @org.junit.jupiter.api.Nested
    class GatewayProblems extends GatewayProblemsChecks {
    }

    /** Security headers on every answer of the API. */
    @org.junit.jupiter.api.Nested
    class SecurityHeaders extends SecurityHeadersChecks {
    }

    /** Pipelines run by the platform's runners, and what survives kill -9. */
    @org.junit.jupiter.api.Nested
    class PipelineRuns extends PipelineRunChecks {

        @Override
        LaunchedPlatform platform() {
            return platform;
        }
    }

    /** Pending and keep-firing alerts, and their notifications, across kill -9 of observability-service. */
    @org.junit.jupiter.api.Nested
    class AlertsAcrossACrash extends AlertCrashChecks {

        @Override
        LaunchedPlatform platform() {
            return platform;
        }
    }

    /** People signing in with the identity provider's JWTs. */
    @org.junit.jupiter.api.Nested
    class Jwt extends JwtChecks {
    }
}
