package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.gateway.testing.FakeServices;
import io.opsplane.gateway.testing.ThroughFakeServices;
import io.opsplane.gateway.testing.WithFakeServices;
import io.opsplane.proto.pipeline.v1.FollowJobLogRequest;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.PlayJobRequest;
import io.opsplane.proto.pipeline.v1.SetRunnerPausedRequest;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run, log and runner routes end to end through the gateway, with {@link FakeServices} as security-service
 * and pipeline-service: what reaches the service (and as whom), what the caller gets back, and how logs stream.
 */
@QuarkusTest
@TestProfile(WithFakeServices.class)
class RunsThroughFakeServicesTest extends ThroughFakeServices {

    private static final String MATRIX_JOB = "test%3A%20%5Ba%2C%20b%5D";

    @Test
    void anAcceptedRequestsAuthenticationIsTimed() {
        caller().when().get("/api/v1/runs/" + FakeServices.RUN_ID).then().statusCode(200);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*opsplane_gateway_authentication_seconds_count(\\{[^}]*})? [1-9].*"))
                .body(org.hamcrest.Matchers.containsString("opsplane_gateway_authentication_seconds{quantile=\"0.5\""));
    }

    @Test
    void aTriggerIsRelayedAsTheCallerAndAnswers201WithTheRunsLocation() {
        caller().header("X-Correlation-Id", "trigger-1").contentType(ContentType.JSON)
                .body("{\"ref\":\"release\",\"commitSha\":\"abc123\",\"variables\":{\"GREETING\":\"hi there\"},\"version\":2}")
                .when().post("/api/v1/pipelines/web/runs").then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/runs/" + FakeServices.RUN_ID))
                .header("X-Correlation-Id", "trigger-1")
                .body("id", equalTo(FakeServices.RUN_ID))
                .body("pipelineName", equalTo("web"))
                .body("ref", equalTo("release"))
                .body("version", equalTo(2))
                .body("createdAt", equalTo("2026-01-01T00:00:00Z"))
                .body("$", not(hasKey("startedAt")));

        TriggerRunRequest request = FakeServices.lastRequest(TriggerRunRequest.class);
        assertEquals("web", request.getPipelineName());
        assertEquals("abc123", request.getCommitSha());
        assertEquals(Map.of("GREETING", "hi there"), request.getVariablesMap());
        assertEquals(2, request.getVersion());
        assertEquals(FakeServices.CALLER_ASSERTION, FakeServices.principalHeader());
        assertEquals(FakeServices.GATEWAY_ASSERTION, FakeServices.relayedByHeader());
    }

    @Test
    void aTriggerNeedsNoBody() throws Exception {
        HttpResponse<String> response = postWithoutBody("/api/v1/pipelines/web/runs");
        assertEquals(201, response.statusCode(), response.body());
        TriggerRunRequest request = FakeServices.lastRequest(TriggerRunRequest.class);
        assertEquals("", request.getRef());
        assertEquals(0, request.getVersion());
        caller().contentType(ContentType.JSON).body("{}").when().post("/api/v1/pipelines/web/runs").then()
                .statusCode(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[]|the body must be a JSON object with the fields of this operation",
        "\"main\"|the body must be a JSON object with the fields of this operation",
        "{\"variables\":[\"A\"]}|the field variables of the body has the wrong type",
        "{\"variables\":\"A=1\"}|the field variables of the body has the wrong type",
        "{\"variables\":{\"A\":1}}|the field variables.A of the body has the wrong type",
        "{\"variables\":{\"A\":true}}|the field variables.A of the body has the wrong type",
        "{\"variables\":{\"A\":null}}|the field variables.A of the body has the wrong type",
        "{\"variables\":{\"A\":{\"b\":\"c\"}}}|the field variables.A of the body has the wrong type",
        "{\"version\":\"latest\"}|the field version of the body has the wrong type",
        "{\"ref\":|the body is not valid JSON for this operation",
        "{} {}|the body must be a JSON object with the fields of this operation at line 1, column 4"})
    void aBadTriggerBodyIs400NamingWhatIsWrong(String body, String detail) {
        caller().contentType(ContentType.JSON).body(body).when().post("/api/v1/pipelines/web/runs").then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(detail));
    }

    @Test
    void aBadPlayBodyIs400Too() {
        caller().contentType(ContentType.JSON).body("{\"variables\":{\"TARGET\":42}}").when()
                .post("/api/v1/runs/r-1/jobs/deploy/play").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the field variables.TARGET of the body has the wrong type"));
    }

    @Test
    void anUnknownPipelineIs404ProblemJson() {
        caller().contentType(ContentType.JSON).body("{}").when().post("/api/v1/pipelines/nope/runs").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no pipeline nope"));
    }

    @Test
    void runsArePagedAndAPageSizeMustBeANumber() {
        caller().queryParam("pageSize", 1).queryParam("pageToken", "p2").when().get("/api/v1/pipelines/web/runs").then()
                .statusCode(200)
                .body("runs[0].id", equalTo(FakeServices.RUN_ID))
                .body("runs[0].jobs.size()", equalTo(0))
                .body("nextPageToken", equalTo("next"));
        ListRunsRequest request = FakeServices.lastRequest(ListRunsRequest.class);
        assertEquals(1, request.getPageSize());
        assertEquals("p2", request.getPageToken());

        caller().when().get("/api/v1/pipelines/web/runs").then().statusCode(200).body("$", not(hasKey("nextPageToken")));
        caller().queryParam("pageSize", "ten").when().get("/api/v1/pipelines/web/runs").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("pageSize must be a whole number"));
    }

    @Test
    void aRunComesWithItsStagesJobsAndAttempts() {
        caller().when().get("/api/v1/runs/r-1").then().statusCode(200)
                .body("id", equalTo("r-1"))
                .body("status", equalTo("manual"))
                .body("trigger", equalTo("manual"))
                .body("commitSha", equalTo("0123abcd"))
                .body("triggeredBy", equalTo("alice"))
                .body("correlationId", equalTo("corr-9"))
                .body("startedAt", equalTo("2026-01-01T00:00:01Z"))
                .body("$", not(hasKey("finishedAt")))
                .body("stages", equalTo(java.util.List.of("test", "deploy")))
                .body("warnings[0]", containsString("image"))
                .body("jobs[0].name", equalTo("test: [a, b]"))
                .body("jobs[0].needsDeclared", equalTo(false))
                .body("jobs[0].tags[0]", equalTo("linux"))
                .body("jobs[0].attempts[0].number", equalTo(1))
                .body("jobs[0].attempts[0].runnerId", equalTo("runner-1"))
                .body("jobs[0].attempts[0].exitCode", equalTo(0))
                .body("jobs[0].attempts[0].finishedAt", equalTo("2026-01-01T00:01:00Z"))
                .body("jobs[0].attempts[0].logBytes", equalTo(1234))
                .body("jobs[0]", not(hasKey("environment")))
                .body("jobs[1].when", equalTo("manual"))
                .body("jobs[1].allowFailure", equalTo(true))
                .body("jobs[1].failureAllowed", equalTo(false))
                .body("jobs[1].needs[0]", equalTo("test: [a, b]"))
                .body("jobs[1].resourceGroup", equalTo("prod"))
                .body("jobs[1].environment.name", equalTo("prod"))
                .body("jobs[1].environment.url", equalTo("https://example.test"))
                .body("jobs[1].environment.action", equalTo("start"))
                .body("jobs[1].attempts.size()", equalTo(0));
    }

    @Test
    void anUnknownRunIs404ProblemJson() {
        caller().header("X-Correlation-Id", "missing-1").when().get("/api/v1/runs/r-404").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no run r-404"))
                .body("correlationId", equalTo("missing-1"));
    }

    @Test
    void cancelRetryAndPlayAnswerTheRun() throws Exception {
        caller().when().post("/api/v1/runs/r-1/cancel").then().statusCode(200).body("id", equalTo("r-1"));
        caller().when().post("/api/v1/runs/r-1/retry").then().statusCode(200).body("id", equalTo("r-1"));
        caller().when().post("/api/v1/runs/r-404/retry").then().statusCode(404);

        assertEquals(200, postWithoutBody("/api/v1/runs/r-1/jobs/deploy/play").statusCode());
        assertEquals(Map.of(), FakeServices.lastRequest(PlayJobRequest.class).getVariablesMap());

        caller().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"variables\":{\"TARGET\":\"eu\"}}")
                .when().post("/api/v1/runs/r-1/jobs/" + MATRIX_JOB + "/play").then().statusCode(200);
        PlayJobRequest play = FakeServices.lastRequest(PlayJobRequest.class);
        assertEquals("test: [a, b]", play.getJobName());
        assertEquals(Map.of("TARGET", "eu"), play.getVariablesMap());
    }

    @Test
    void aLogIsPlainTextByDefault() {
        String body = caller().urlEncodingEnabled(false).when()
                .get("/api/v1/runs/r-1/jobs/" + MATRIX_JOB + "/log?offset=3&attempt=1&follow=true").then()
                .statusCode(200)
                .header("Content-Type", equalTo("text/plain; charset=utf-8"))
                .header("X-Accel-Buffering", "no")
                .header("Cache-Control", "no-store")
                .extract().asString();

        assertEquals("line 1\nline 2\ndone\r\n", body);
        FollowJobLogRequest request = FakeServices.lastRequest(FollowJobLogRequest.class);
        assertEquals("r-1", request.getRunId());
        assertEquals("test: [a, b]", request.getJobName());
        assertEquals(3, request.getOffset());
        assertEquals(1, request.getAttempt());
        assertTrue(request.getFollow());
        assertEquals(FakeServices.CALLER_ASSERTION, FakeServices.principalHeader());
        assertEquals(FakeServices.GATEWAY_ASSERTION, FakeServices.relayedByHeader());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/event-stream"})
    void theCorrelationIdReachesTheServiceAsBaggage(String accept) {
        caller().header("X-Correlation-Id", "log-corr-" + accept.length()).accept(accept).when()
                .get("/api/v1/runs/r-1/jobs/build/log").then().statusCode(200)
                .header("X-Correlation-Id", "log-corr-" + accept.length());
        assertTrue(String.valueOf(FakeServices.header("baggage")).contains("opsplane.correlation_id=log-corr-"
                + accept.length()), FakeServices.header("baggage"));
        assertEquals(FakeServices.CALLER_ASSERTION, FakeServices.principalHeader());

        caller().header("X-Correlation-Id", "get-corr").when().get("/api/v1/runs/r-1").then().statusCode(200);
        assertTrue(String.valueOf(FakeServices.header("baggage")).contains("opsplane.correlation_id=get-corr"),
                FakeServices.header("baggage"));
    }

    @Test
    void aJobNameMayHoldASlash() {
        caller().urlEncodingEnabled(false).when().get("/api/v1/runs/r-1/jobs/build%2Flinux/log").then().statusCode(200);
        assertEquals("build/linux", FakeServices.lastRequest(FollowJobLogRequest.class).getJobName());
        assertFalse(FakeServices.lastRequest(FollowJobLogRequest.class).getFollow());
    }

    @Test
    void aLogIsBinarySafeAsPlainText() {
        byte[] body = caller().when().get("/api/v1/runs/r-1/jobs/utf8/log").then().statusCode(200).extract().asByteArray();
        assertEquals("café\n", new String(body, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "offset=-1|offset must be a byte offset, a whole number 0 or more",
        "offset=ten|offset must be a byte offset, a whole number 0 or more",
        "attempt=last|attempt must be a whole number",
        "attempt=-2|attempt must be a whole number, 0 or more",
        "follow=yes|follow must be true or false"})
    void aBadLogParameterIs400(String query, String detail) {
        caller().when().get("/api/v1/runs/r-1/jobs/build/log?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo(detail));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/event-stream"})
    void anErrorBeforeTheFirstByteIsProblemJson(String accept) {
        caller().accept(accept).when().get("/api/v1/runs/r-1/jobs/unknown/log?follow=true").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("run r-1 has no job unknown"));
        caller().accept(accept).when().get("/api/v1/runs/r-1/jobs/secret/log").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aLogNeedsAnAcceptableFormat() {
        caller().accept("application/json").when().get("/api/v1/runs/r-1/jobs/build/log").then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void aLogAsServerSentEvents() {
        String body = caller().accept("text/event-stream").when().get("/api/v1/runs/r-1/jobs/build/log?offset=5").then()
                .statusCode(200)
                .header("Content-Type", equalTo("text/event-stream"))
                .extract().asString();

        assertEquals("event: log\nid: 19\ndata: line 1\ndata: line 2\ndata:\n\n"
                + "event: log\nid: 25\ndata: done\ndata:\n\n"
                + "event: end\nid: 25\ndata: {\"attempt\":2,\"offset\":25}\n\n", withoutKeepAlive(body));
        assertEquals(5, FakeServices.lastRequest(FollowJobLogRequest.class).getOffset());
    }

    @Test
    void lastEventIdResumesAfterThatOffset() {
        caller().accept("text/event-stream").header("Last-Event-ID", "19").when()
                .get("/api/v1/runs/r-1/jobs/build/log?offset=5").then().statusCode(200);
        assertEquals(19, FakeServices.lastRequest(FollowJobLogRequest.class).getOffset());

        caller().accept("text/event-stream").header("Last-Event-ID", "log-7").when()
                .get("/api/v1/runs/r-1/jobs/build/log").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("Last-Event-ID must be a byte offset, a whole number 0 or more"));
    }

    @Test
    void aCharacterSplitBetweenChunksArrivesWhole() {
        String body = caller().accept("text/event-stream").when().get("/api/v1/runs/r-1/jobs/utf8/log").then()
                .statusCode(200).extract().asString();
        assertEquals("event: log\nid: 3\ndata: caf\n\nevent: log\nid: 6\ndata: é\ndata:\n\n"
                + "event: end\nid: 6\ndata: {\"attempt\":2,\"offset\":6}\n\n", withoutKeepAlive(body));
    }

    @Test
    void aQuietLogGetsKeepAliveComments() {
        String body = caller().accept("text/event-stream").when().get("/api/v1/runs/r-1/jobs/quiet/log?follow=true")
                .then().statusCode(200).extract().asString();
        assertTrue(body.startsWith(LogEvents.KEEP_ALIVE), body);
        assertTrue(body.endsWith("event: end\nid: 5\ndata: {\"attempt\":2,\"offset\":5}\n\n"), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/event-stream"})
    void aFollowOutlivesTheCallDeadlineAndIsCancelledWhenTheClientGoesAway(String accept) throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        FakeServices.followCancelled = cancelled;
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/runs/r-1/jobs/follow/log?follow=true HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + FakeServices.CALLER_TOKEN + "\r\nAccept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            while (!received.toString().contains("first")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                received.append((char) b);
            }
            assertTrue(received.toString().startsWith("HTTP/1.1 200"), received.toString());
            // Longer than the deadline of other calls (2 s in this profile).
            assertFalse(cancelled.await(2_500, TimeUnit.MILLISECONDS), "cancelled while the client was there");
        }
        assertTrue(cancelled.await(10, TimeUnit.SECONDS), "the followed log's call was not cancelled");
    }

    @Test
    void runnersAreListedPausedAndResumed() {
        caller().when().get("/api/v1/runners").then().statusCode(200)
                .body("runners[0].id", equalTo("runner-1"))
                .body("runners[0].name", equalTo("build-host-1"))
                .body("runners[0].runUntagged", equalTo(true))
                .body("runners[0].executor", equalTo("sandbox"))
                .body("runners[0].paused", equalTo(false))
                .body("runners[0].lastSeenAt", equalTo("2026-01-01T00:01:40Z"))
                .body("runners[0].runningJobs", equalTo(1));

        caller().when().post("/api/v1/runners/runner-1/pause").then().statusCode(200).body("paused", equalTo(true));
        assertTrue(FakeServices.lastRequest(SetRunnerPausedRequest.class).getPaused());
        caller().when().post("/api/v1/runners/runner-1/resume").then().statusCode(200).body("paused", equalTo(false));
        assertFalse(FakeServices.lastRequest(SetRunnerPausedRequest.class).getPaused());
        caller().when().post("/api/v1/runners/runner-9/pause").then().statusCode(404)
                .contentType("application/problem+json").body("correlationId", not(nullValue()));
    }

    /** A POST with neither a body nor a Content-Type, as curl -X POST sends it. */
    private static HttpResponse<String> postWithoutBody(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + FakeServices.CALLER_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String withoutKeepAlive(String body) {
        return body.replace(LogEvents.KEEP_ALIVE, "");
    }
}
