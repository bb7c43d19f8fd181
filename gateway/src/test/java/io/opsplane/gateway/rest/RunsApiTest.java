package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The run, log, runner, schedule and event-trigger operations as published, with no service behind the gateway. */
@QuarkusTest
class RunsApiTest {

    private static JsonPath openApi() {
        return given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "post, /api/v1/pipelines/{name}/runs, pipelines:run",
        "get, /api/v1/pipelines/{name}/runs, pipelines:read",
        "get, /api/v1/runs/{id}, pipelines:read",
        "post, /api/v1/runs/{id}/cancel, pipelines:cancel",
        "post, /api/v1/runs/{id}/retry, pipelines:run",
        "post, /api/v1/runs/{id}/jobs/{job}/play, pipelines:play",
        "get, /api/v1/runs/{id}/jobs/{job}/log, pipelines:read",
        "get, /api/v1/runners, runners:read",
        "post, /api/v1/runners/{id}/pause, runners:manage",
        "post, /api/v1/runners/{id}/resume, runners:manage",
        "post, /api/v1/schedules, pipelines:write",
        "get, /api/v1/schedules, pipelines:read",
        "get, /api/v1/schedules/{id}, pipelines:read",
        "put, /api/v1/schedules/{id}, pipelines:write",
        "delete, /api/v1/schedules/{id}, pipelines:write",
        "post, /api/v1/schedules/{id}/run, pipelines:run",
        "post, /api/v1/event-triggers, pipelines:write",
        "get, /api/v1/event-triggers, pipelines:read",
        "get, /api/v1/event-triggers/{id}, pipelines:read",
        "put, /api/v1/event-triggers/{id}, pipelines:write",
        "delete, /api/v1/event-triggers/{id}, pipelines:write"})
    void eachOperationIsPublishedWithItsPermission(String method, String path, String permission) {
        Map<String, Object> operation = openApi().getMap("paths.'" + path + "'." + method);

        assertEquals(permission, operation.get(Permissions.EXTENSION), method + " " + path);
    }

    @Test
    void theRunnerProtocolHasNoRoute() {
        Set<String> runnerPaths = new TreeSet<>();
        openApi().<String, Object>getMap("paths").keySet().stream().filter(path -> path.startsWith("/api/v1/runners"))
                .forEach(runnerPaths::add);
        assertEquals(Set.of("/api/v1/runners", "/api/v1/runners/{id}/pause", "/api/v1/runners/{id}/resume"), runnerPaths);
    }

    @Test
    void theLogIsPublishedAsPlainTextAndServerSentEvents() {
        Map<String, Object> content = openApi().getMap("paths.'/api/v1/runs/{id}/jobs/{job}/log'.get.responses.'200'.content");
        assertTrue(content.containsKey("text/plain"), content.toString());
        assertTrue(content.containsKey("text/event-stream"), content.toString());
        assertEquals("application/problem+json", openApi().getMap(
                "paths.'/api/v1/runs/{id}/jobs/{job}/log'.get.responses.'404'.content").keySet().iterator().next());
    }

    @Test
    void theRunSchemaHasItsJobsAndAttempts() {
        JsonPath document = openApi();
        assertTrue(document.getMap("components.schemas.RunView.properties").keySet().containsAll(List.of("id",
                "pipelineName", "version", "status", "trigger", "ref", "commitSha", "triggeredBy", "correlationId",
                "createdAt", "startedAt", "finishedAt", "stages", "warnings", "jobs")));
        assertTrue(document.getMap("components.schemas.JobView.properties").keySet().containsAll(List.of("name", "stage",
                "status", "when", "allowFailure", "failureAllowed", "needs", "needsDeclared", "resourceGroup", "tags",
                "environment", "scheduledAt", "attempts")));
        assertTrue(document.getMap("components.schemas.AttemptView.properties").keySet().containsAll(List.of("number",
                "status", "runnerId", "exitCode", "failureReason", "queuedAt", "startedAt", "finishedAt", "logBytes")));
        assertFalse(document.getMap("components.schemas.TriggerRun.properties").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"POST,/api/v1/pipelines/web/runs", "GET,/api/v1/pipelines/web/runs?pageSize=5", "GET,/api/v1/runs/r-1",
        "POST,/api/v1/runs/r-1/cancel", "POST,/api/v1/runs/r-1/retry", "POST,/api/v1/runs/r-1/jobs/deploy/play",
        "GET,/api/v1/runs/r-1/jobs/build/log?follow=true", "GET,/api/v1/runners", "POST,/api/v1/runners/x/pause",
        "POST,/api/v1/runners/x/resume"})
    void withoutATokenTheAnswerIs401(String method, String path) {
        given().header("X-Correlation-Id", "runs-401").contentType(ContentType.JSON).body("{}").when()
                .request(method, path).then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("correlationId", equalTo("runs-401"));
    }

    @Test
    void aLogAsServerSentEventsWithoutATokenIs401ProblemJsonToo() {
        given().accept("text/event-stream").when().get("/api/v1/runs/r-1/jobs/build/log?follow=true").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', value = {"text/event-stream|true", "text/plain|false", "*/*|false", "text/*|false",
        "text/plain, text/event-stream|false", "text/event-stream, text/plain|true",
        "text/plain;q=0.5, text/event-stream|true", "application/json, text/event-stream;q=0.1|true"})
    void theAcceptHeaderChoosesTheFormat(String accept, boolean events) {
        assertEquals(events, RunsResource.wantsEvents(parse(accept)));
    }

    @Test
    void anAcceptThatAdmitsNeitherFormatIs406() {
        assertThrows(NotAcceptableException.class, () -> RunsResource.wantsEvents(parse("application/json")));
        assertEquals(false, RunsResource.wantsEvents(List.of()));
    }

    /** Acceptable types in order of preference, as JAX-RS gives them (by quality, stable otherwise). */
    private static List<MediaType> parse(String accept) {
        return java.util.Arrays.stream(accept.split(","))
                .map(String::trim).map(MediaType::valueOf)
                .sorted(java.util.Comparator.comparingDouble((MediaType type) ->
                        -Double.parseDouble(type.getParameters().getOrDefault("q", "1"))))
                .toList();
    }
}
