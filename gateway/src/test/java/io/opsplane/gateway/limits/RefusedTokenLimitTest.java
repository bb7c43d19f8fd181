package io.opsplane.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * A flood of random tokens from one address. Tokens longer than any security-service would look at are
 * refused by the gateway itself (401), which is how this test gets refusals with nothing behind the gateway.
 */
@QuarkusTest
@TestProfile(LowRateLimits.FewRefusedTokens.class)
class RefusedTokenLimitTest {

    private static String overlongToken(int n) {
        return "ops_" + n + "x".repeat(9000);
    }

    @Test
    void anAddressWhoseTokensAreRefusedIsLimitedBeforeAuthenticationAndStillReachesTheOpenParts() {
        assertNotEquals(429, given().header("Authorization", "Bearer ops_before_any_refusal_aaaaaaaaaaaaaaaaaaaa")
                .when().get("/api/v1/whoami").statusCode());
        for (int i = 0; i < LowRateLimits.BURST; i++) {
            given().header("Authorization", "Bearer " + overlongToken(i)).when().get("/api/v1/whoami").then()
                    .statusCode(401);
        }

        // Every new token now ends here, before an authentication could be spent on it.
        given().header("Authorization", "Bearer " + overlongToken(99)).when().get("/api/v1/whoami").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("100"))
                .body("detail", containsString("too many refused tokens from this address"));
        given().header("Authorization", "Bearer ops_fresh_token_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
                .when().get("/api/v1/whoami").then().statusCode(429);
        // Calls without a token keep their own limit, and health is never limited.
        given().when().get("/api/v1/pipelines/x").then().statusCode(401);
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
