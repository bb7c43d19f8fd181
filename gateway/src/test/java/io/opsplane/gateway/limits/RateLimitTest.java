package io.opsplane.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The limits through HTTP, with a burst of 3. Nothing answers behind the gateway, so an allowed call
 * with a token ends in 503 and one without in 401; what matters is that it is not 429.
 */
@QuarkusTest
@TestProfile(LowRateLimits.class)
class RateLimitTest {

    private static Response callWithToken(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/v1/whoami");
    }

    @Test
    void theCallAfterTheBurstIs429WithRetryAfterAndAProblem() {
        String token = "ops_rate_limit_burst_aaaaaaaaaaaaaaaaaaaaaaaaaa";
        for (int i = 0; i < LowRateLimits.BURST; i++) {
            assertNotEquals(429, callWithToken(token).statusCode(), "call " + (i + 1));
        }

        given().header("Authorization", "Bearer " + token).header("X-Correlation-Id", "rate-1")
                .when().get("/api/v1/whoami").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("100"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"))
                .body("detail", containsString("retry in 100 s"))
                .body("correlationId", equalTo("rate-1"))
                .body(not(containsString(token)));
    }

    @Test
    void anotherTokenIsUnaffected() {
        String spent = "ops_rate_limit_spent_bbbbbbbbbbbbbbbbbbbbbbbbbb";
        for (int i = 0; i <= LowRateLimits.BURST; i++) {
            callWithToken(spent);
        }
        callWithToken(spent).then().statusCode(429);

        assertNotEquals(429, callWithToken("ops_rate_limit_other_cccccccccccccccccccccccccc").statusCode());
    }

    @Test
    void callsWithoutATokenAreLimitedPerAddressAndXForwardedForIsNotBelieved() {
        for (int i = 0; i < LowRateLimits.BURST; i++) {
            given().when().get("/api/v1/pipelines/x").then().statusCode(401);
        }

        given().when().get("/api/v1/pipelines/x").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("100"))
                .body("detail", containsString("from this address"));
        given().header("X-Forwarded-For", "203.0.113.77").when().get("/api/v1/pipelines/x").then().statusCode(429);
        // A malformed Authorization header is no token: it counts against the address.
        given().header("Authorization", "Bearer ").when().get("/api/v1/whoami").then().statusCode(429);
    }

    @Test
    void healthIsNeverLimited() {
        for (int i = 0; i < LowRateLimits.BURST * 3; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
        }
    }

    @Test
    void aLimitedCallStillReachesNoResource() {
        String token = "ops_rate_limit_post_dddddddddddddddddddddddddddd";
        for (int i = 0; i <= LowRateLimits.BURST; i++) {
            callWithToken(token);
        }
        String body = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"name\":\"web\",\"definition\":\"stages: [build]\"}")
                .when().post("/api/v1/pipelines").then().statusCode(429).extract().asString();
        assertTrue(body.contains("\"status\":429"), body);
    }
}
