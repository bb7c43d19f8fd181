package io.opsplane.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every /api response carries the security headers, errors included; the Swagger UI does not. Run
 * against the launched platform (a nested class of {@link PlatformScenarioIT}).
 */
abstract class SecurityHeadersChecks {

    private static final String AUTH_PREFIX = "Bearer ";

    private static ValidatableResponse assertSecurityHeaders(ValidatableResponse response) {
        return response
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                // Plain HTTP: no Strict-Transport-Security.
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void aSuccessfulCallHasThem() {
        assertSecurityHeaders(given().header("Authorization", AUTH_PREFIX + PlatformScenarioIT.token).when().get("/api/v1/whoami").then()
                .statusCode(200));
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/v1/whoami,401", "GET,/api,401", "GET,/api/v1/no-such-thing,401"})
    void anUnauthenticatedCallHasThem(String method, String path, int status) {
        assertSecurityHeaders(given().when().request(method, path).then().statusCode(status));
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/v1/no-such-thing,404", "PUT,/api/v1/pipelines,405", "GET,/api/v1/events?limit=abc,400"})
    void anErrorHasThem(String method, String path, int status) {
        assertSecurityHeaders(given().header("Authorization", AUTH_PREFIX + PlatformScenarioIT.token).when()
                .request(method, path).then().statusCode(status));
    }

    @Test
    void aResponseThatSetsCacheControlItselfSaysItOnce() {
        List<String> cacheControl = given().header("Authorization", AUTH_PREFIX + PlatformScenarioIT.token).contentType("application/json")
                .body("{\"name\":\"ci\",\"subject\":\"ci-bot\",\"roles\":[\"developer\"]}")
                .when().post("/api/v1/tokens").then().statusCode(201)
                .extract().headers().getValues("Cache-Control");

        assertEquals(List.of("no-store"), cacheControl);
    }

    @Test
    void theSwaggerUiAndHealthDoNotGetTheApiPolicy() {
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", nullValue())
                .header("X-Frame-Options", nullValue());
        given().when().get("/q/health/live").then().statusCode(200)
                .header("Content-Security-Policy", nullValue())
                .body("status", equalTo("UP"));
    }
}
