package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.proto.security.v1.ApprovalState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The protected-environment operations as published, with no service behind the gateway. */
@QuarkusTest
class EnvironmentsApiTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "put, /api/v1/environments/{name}/protection, environments:write",
        "delete, /api/v1/environments/{name}/protection, environments:write",
        "get, /api/v1/environments/protected, environments:read",
        "post, /api/v1/environments/{name}/approval-requests, deployments:create",
        "get, /api/v1/approval-requests/{id}, deployments:read",
        "get, /api/v1/approval-requests, deployments:read",
        "post, /api/v1/approval-requests/{id}/approve, deployments:approve",
        "post, /api/v1/approval-requests/{id}/reject, deployments:approve"})
    void eachOperationIsPublishedWithItsPermission(String method, String path, String permission) {
        Map<String, Object> operation = given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths.'" + path + "'." + method);

        assertEquals(permission, operation.get(Permissions.EXTENSION), method + " " + path);
    }

    @ParameterizedTest
    @CsvSource({"PUT,/api/v1/environments/prod/protection", "GET,/api/v1/environments/protected",
        "POST,/api/v1/approval-requests/x/approve", "GET,/api/v1/approval-requests?state=pending"})
    void withoutATokenTheAnswerIs401(String method, String path) {
        given().when().request(method, path).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void statesAreWrittenAndReadInLowerCase() {
        for (String name : new String[] {"pending", "approved", "rejected", "expired", "used"}) {
            assertEquals(name, EnvironmentViews.stateName(EnvironmentViews.parseState(name)));
        }
        assertEquals(ApprovalState.APPROVAL_STATE_UNSPECIFIED, EnvironmentViews.parseState(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvironmentViews.parseState("PENDING"));
        assertEquals("state must be one of pending, approved, rejected, expired, used", e.getMessage());
    }
}
