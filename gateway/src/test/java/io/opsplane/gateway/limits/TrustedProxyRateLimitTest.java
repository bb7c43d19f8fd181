package io.opsplane.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** With the test client listed as a trusted proxy, the address in X-Forwarded-For is the one limited. */
@QuarkusTest
@TestProfile(LowRateLimits.BehindATrustedProxy.class)
class TrustedProxyRateLimitTest {

    private static int callFrom(String address) {
        return given().header("X-Forwarded-For", "192.0.2.250, " + address).when().get("/api/v1/whoami")
                .statusCode();
    }

    @Test
    void eachForwardedAddressHasItsOwnBudget() {
        for (int i = 0; i < LowRateLimits.BURST; i++) {
            assertEquals(401, callFrom("203.0.113.10"));
        }
        assertEquals(429, callFrom("203.0.113.10"));

        assertEquals(401, callFrom("203.0.113.11"));
    }
}
