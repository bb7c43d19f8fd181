package io.opsplane.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented way to let one console origin in: it is allowed, and every other origin still is not. */
@QuarkusTest
@TestProfile(CorsForListedOriginsTest.ConsoleOrigin.class)
class CorsForListedOriginsTest {

    public static class ConsoleOrigin implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true",
                    "quarkus.http.cors.origins", "https://console.example");
        }
    }

    @Test
    void theListedOriginPassesThePreflightWithoutAToken() {
        given().header("Origin", "https://console.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/pipelines").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://console.example"));
    }

    @Test
    void anotherOriginIsStillRefused() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/pipelines").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
