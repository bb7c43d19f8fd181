package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.proto.deploy.v1.DeployRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deployment operations as published, with no service behind the gateway. */
@QuarkusTest
class DeploymentsApiTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "post, /api/v1/applications, deployments:create",
        "get, /api/v1/applications/{app}, deployments:read",
        "post, /api/v1/environments, environments:write",
        "get, /api/v1/environments/{env}, environments:read",
        "post, /api/v1/applications/{app}/environments/{env}/deployments, deployments:create",
        "get, /api/v1/applications/{app}/environments/{env}/deployments, deployments:read",
        "get, /api/v1/deployments/{id}, deployments:read",
        "post, /api/v1/deployments/{id}/promote, deployments:promote",
        "post, /api/v1/deployments/{id}/pause, deployments:promote",
        "post, /api/v1/deployments/{id}/resume, deployments:promote",
        "post, /api/v1/deployments/{id}/abort, deployments:rollback",
        "post, /api/v1/deployments/{id}/approve, deployments:approve",
        "post, /api/v1/applications/{app}/environments/{env}/rollback, deployments:rollback",
        "post, /api/v1/applications/{app}/environments/{env}/scale, deployments:create",
        "get, /api/v1/applications/{app}/environments/{env}/instances, deployments:read"})
    void eachOperationIsPublishedWithItsPermission(String method, String path, String permission) {
        Map<String, Object> operation = given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths.'" + path + "'." + method);

        assertEquals(permission, operation.get(Permissions.EXTENSION), method + " " + path);
    }

    @ParameterizedTest
    @CsvSource({"POST,/api/v1/applications", "POST,/api/v1/applications/demo/environments/staging/deployments",
        "GET,/api/v1/deployments/x", "POST,/api/v1/deployments/x/promote",
        "POST,/api/v1/applications/demo/environments/staging/scale"})
    void withoutATokenTheAnswerIs401(String method, String path) {
        given().when().request(method, path).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void bodiesAreTheProtoJsonMappingAndAnythingElseIsRefusedNamingTheMessage() {
        DeployRequest request = ProtoJson.parse("{\"version\":\"v2\",\"replicas\":3,\"strategy\":{\"canary\":"
                + "{\"steps\":[{\"setWeight\":10},{\"pause\":{}}]}}}", DeployRequest.newBuilder()).build();
        assertEquals("v2", request.getVersion());
        assertEquals(3, request.getReplicas());
        assertEquals(10, request.getStrategy().getCanary().getSteps(0).getSetWeight());
        assertTrue(request.getStrategy().getCanary().getSteps(1).hasPause());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ProtoJson.parse("{\"versoin\":\"v2\"}", DeployRequest.newBuilder()));
        assertTrue(unknown.getMessage().contains("DeployRequest"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProtoJson.parse("[1,2]", DeployRequest.newBuilder()));
        assertThrows(IllegalArgumentException.class, () -> ProtoJson.parse("{\"replicas\":\"many\"}",
                DeployRequest.newBuilder()));
    }
}
