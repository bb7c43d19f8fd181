package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.gateway.testing.FakeServices;
import io.opsplane.gateway.testing.ThroughFakeServices;
import io.opsplane.gateway.testing.WithFakeServices;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook routes: no bearer token, the raw body and signature headers relayed as the gateway itself. */
@QuarkusTest
@TestProfile(WithFakeServices.class)
class HooksThroughFakeServicesTest extends ThroughFakeServices {

    private static final String BODY = "{\"ref\":\"refs/heads/main\",  \"after\":\"abc\"}";

    @Test
    void aSignedGithubDeliveryNeedsNoTokenAndIsRelayedRawAsTheGateway() {
        given().header("X-Hub-Signature-256", "sha256=good").header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", "d-1").contentType(ContentType.JSON).body(BODY)
                .when().post("/api/v1/hooks/github/web").then()
                .statusCode(202).body("outcome", equalTo("started")).body("runId", equalTo(FakeServices.RUN_ID));
        ReceiveWebhookRequest relayed = FakeServices.lastRequest(ReceiveWebhookRequest.class);
        assertEquals("github", relayed.getProvider());
        assertEquals("web", relayed.getPipelineName());
        assertEquals(BODY, relayed.getBody().toString(StandardCharsets.UTF_8), "the body byte for byte");
        assertEquals("d-1", relayed.getHeadersOrThrow("x-github-delivery"));
        assertEquals(FakeServices.GATEWAY_ASSERTION, FakeServices.principalHeader());
        assertNull(FakeServices.relayedByHeader());
    }

    @Test
    void aGitlabDeliveryWithItsToken() {
        given().header("X-Gitlab-Token", "good").header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Event-UUID", "u-1").contentType(ContentType.JSON).body(BODY)
                .when().post("/api/v1/hooks/gitlab/web").then().statusCode(202);
        assertEquals("u-1", FakeServices.lastRequest(ReceiveWebhookRequest.class)
                .getHeadersOrThrow("x-gitlab-event-uuid"));
    }

    @Test
    void aBadSignatureIs401() {
        given().header("X-Hub-Signature-256", "sha256=bad").header("X-GitHub-Event", "push").body(BODY)
                .when().post("/api/v1/hooks/github/web").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheHookRoutesGoWithoutAToken() {
        given().when().post("/api/v1/hooks/github/../../pipelines").then().statusCode(401);
        given().when().get("/api/v1/hooks/github/web").then().statusCode(401);
        given().when().post("/api/v1/hooks/bitbucket/web").then().statusCode(401);
    }

    @Test
    void theHookRoutesArePublishedWithoutATokenScheme() {
        JsonPath document = given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        for (String path : List.of("/api/v1/hooks/github/{pipeline}", "/api/v1/hooks/gitlab/{pipeline}")) {
            Map<String, Object> operation = document.getMap("paths.'" + path + "'.post");
            assertEquals("pipelines:hook", operation.get(Permissions.EXTENSION), path);
            assertEquals(List.of(), operation.get("security"), path);
        }
        assertTrue(document.getMap("paths.'/api/v1/pipelines/{name}/source'").containsKey("put"));
        assertTrue(document.getMap("paths.'/api/v1/pipelines/{name}/source'").containsKey("get"));
    }
}
