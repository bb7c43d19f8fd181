package io.opsplane.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS is off by default: no origin is ever allowed, in a preflight or a plain call. */
@QuarkusTest
class CorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/pipelines", "/api/v1/whoami", "/q/openapi"})
    void aPreflightFromAnotherOriginIsNotAllowed(String path) {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options(path).then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Access-Control-Allow-Methods", nullValue())
                .header("Access-Control-Allow-Headers", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/whoami", "/q/openapi"})
    void aCallFromAnotherOriginIsNotAllowed(String path) {
        given().header("Origin", "https://evil.example").when().get(path).then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
