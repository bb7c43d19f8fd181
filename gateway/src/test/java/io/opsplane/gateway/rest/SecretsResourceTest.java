package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The secrets API is write-only by construction: no route and no response schema carries a value. */
@QuarkusTest
class SecretsResourceTest {

    private static JsonPath openApi() {
        return given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theRoutesAreWriteListDeleteAndRotateOnly() {
        Map<String, Map<String, Object>> paths = openApi().getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> {
            if (path.startsWith("/api/v1/secrets")) {
                methods.keySet().forEach(method -> operations.add(method.toUpperCase() + " " + path));
            }
        });
        assertEquals(Set.of("GET /api/v1/secrets", "PUT /api/v1/secrets/{scope}/{name}",
                "DELETE /api/v1/secrets/{scope}/{name}", "POST /api/v1/secrets/rotate-master-key"), operations);
        assertEquals("secrets:write", openApi().getString("paths.'/api/v1/secrets/{scope}/{name}'.put."
                + Permissions.EXTENSION));
        assertEquals("secrets:rotate", openApi().getString("paths.'/api/v1/secrets/rotate-master-key'.post."
                + Permissions.EXTENSION));
    }

    @Test
    void noResponseSchemaHasAValue() {
        JsonPath document = openApi();
        for (String schema : List.of("SecretView", "SecretPage", "MasterKeyRotationView")) {
            Map<String, Object> properties = document.getMap("components.schemas." + schema + ".properties");
            assertTrue(properties != null && !properties.isEmpty(), schema);
            assertFalse(properties.containsKey("value"), schema + " has a value field");
        }
        assertTrue(document.getBoolean("components.schemas.PutSecret.properties.value.writeOnly"));
    }

    @ParameterizedTest
    @CsvSource({"PUT,/api/v1/secrets/global/DB_PASSWORD", "GET,/api/v1/secrets",
        "DELETE,/api/v1/secrets/pipeline:web/DB_PASSWORD", "POST,/api/v1/secrets/rotate-master-key"})
    void everyRouteNeedsAToken(String method, String path) {
        given().contentType(ContentType.JSON).body("{\"value\":\"hunter2-hunter2\"}").when().request(method, path)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }
}
