package io.opsplane.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People sign in through the gateway with JWTs of the identity provider the launched platform was
 * started with ({@link IdentityProvider}); every flawed token is a 401 problem. Run against the
 * launched platform (a nested class of {@link PlatformScenarioIT}).
 */
abstract class JwtChecks {

    private static String person() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anRs256TokenIsAPersonOfKindJwt() {
        String subject = person();

        given().header("Authorization", "Bearer " + IdentityProvider.token(subject, IdentityProvider.DEVELOPERS)
                .claim("jti", "e2e-session-" + subject).rs256())
                .when().get("/api/v1/whoami").then().statusCode(200)
                .body("kind", equalTo("jwt"))
                .body("subject", equalTo(subject))
                .body("tokenId", equalTo("e2e-session-" + subject))
                .body("groups", equalTo(List.of(IdentityProvider.DEVELOPERS)))
                .body("roles", equalTo(List.of("developer")))
                .body("grants.via", hasItem("claim:" + IdentityProvider.DEVELOPERS));
    }

    @Test
    void anEs256TokenIsAPersonOfKindJwt() {
        String subject = person();

        given().header("Authorization", "Bearer " + IdentityProvider.token(subject).es256())
                .when().get("/api/v1/whoami").then().statusCode(200)
                .body("kind", equalTo("jwt"))
                .body("subject", equalTo(subject))
                .body("roles", equalTo(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alg none", "wrong issuer", "wrong audience", "expired", "bad signature"})
    void aFlawedTokenIs401ProblemJson(String flaw) {
        given().header("Authorization", "Bearer " + flawed(flaw)).header("X-Correlation-Id", "jwt-1")
                .when().get("/api/v1/whoami").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("detail", equalTo("the token is missing, unknown, expired or revoked"))
                .body("correlationId", equalTo("jwt-1"));
    }

    private static String flawed(String flaw) {
        IdentityProvider.Token admin = IdentityProvider.token(person(), IdentityProvider.ADMINS);
        long now = Instant.now().getEpochSecond();
        return switch (flaw) {
            case "alg none" -> admin.unsigned();
            case "wrong issuer" -> admin.claim("iss", "https://idp.e2e.opsplane.test/realms/other").rs256();
            case "wrong audience" -> admin.claim("aud", "another-service").rs256();
            case "expired" -> admin.claim("exp", now - 120).claim("iat", now - 600).claim("nbf", now - 600).rs256();
            case "bad signature" -> admin.rs256ByAStranger();
            default -> throw new IllegalArgumentException(flaw);
        };
    }

    @Test
    void aMappedAdminGrantsRolesAndAnUnmappedPersonDoesNot() {
        String admin = person();
        String adminToken = IdentityProvider.token(admin, IdentityProvider.ADMINS).rs256();
        String developerToken = IdentityProvider.token(person(), IdentityProvider.DEVELOPERS).es256();
        Map<String, String> binding = Map.of("role", "viewer", "scope", "pipeline:jwt-e2e", "subject", person());

        given().header("Authorization", "Bearer " + developerToken).contentType(ContentType.JSON).body(binding)
                .when().post("/api/v1/access/bindings").then().statusCode(403)
                .contentType("application/problem+json");
        String id = given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON)
                .body(binding).when().post("/api/v1/access/bindings").then().statusCode(201)
                .body("role", equalTo("viewer"))
                .body("createdBy", equalTo(admin))
                .extract().path("id");
        given().header("Authorization", "Bearer " + adminToken).when().delete("/api/v1/access/bindings/" + id)
                .then().statusCode(200);
    }
}
