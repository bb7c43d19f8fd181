package io.opsplane.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.opsplane.gateway.testing.SelfSignedTls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With HTTPS and HTTP both open: Strict-Transport-Security over TLS only. */
@QuarkusTest
@TestProfile(StrictTransportSecurityTest.OverTls.class)
class StrictTransportSecurityTest {

    public static class OverTls implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SelfSignedTls.class));
        }
    }

    @TestHTTPResource(value = "/api/v1/whoami", tls = true)
    URL overTls;

    @TestHTTPResource(value = "/api/v1/whoami")
    URL overPlainHttp;

    @Test
    void aRequestOverTlsGetsStrictTransportSecurity() {
        given().relaxedHTTPSValidation().when().get(overTls).then()
                .statusCode(401)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void theSwaggerUiOverTlsGetsItToo() {
        given().relaxedHTTPSValidation().when().get(overTls.toString().replace("/api/v1/whoami", "/q/swagger-ui/"))
                .then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
    }

    @Test
    void aRequestOverPlainHttpDoesNot() {
        given().when().get(overPlainHttp).then()
                .statusCode(401)
                .header("Strict-Transport-Security", nullValue());
    }
}
