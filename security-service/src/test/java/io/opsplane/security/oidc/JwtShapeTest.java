package io.opsplane.security.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "a.b.c", "a-_.b_-.", "eyJhbGciOiJub25lIn0.e30."})
    void threeBase64UrlPartsAreAJwt(String bearer) {
        assertTrue(JwtShape.matches(bearer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ops_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a.b", "a.b.c.d", ".b.c", "a..c",
        "a.b+/.c", "a.b.c=", " a.b.c", "a.b.c\n"})
    void anythingElseIsNot(String bearer) {
        assertFalse(JwtShape.matches(bearer));
    }
}
