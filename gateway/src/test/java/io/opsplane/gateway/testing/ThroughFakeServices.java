package io.opsplane.gateway.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A gateway test class whose calls reach {@link FakeServices} (with {@code @TestProfile(WithFakeServices.class)}):
 * the fake services run for the class, and {@link #caller()} presents the token they accept.
 */
public abstract class ThroughFakeServices {

    @BeforeAll
    static void startServices() throws Exception {
        FakeServices.start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        FakeServices.stop();
    }

    protected static RequestSpecification caller() {
        return given().header("Authorization", "Bearer " + FakeServices.CALLER_TOKEN);
    }
}
