package io.opsplane.security.jwt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The issuer, audiences, time and standard claims the verifier tests share. */
final class JwtFixture {

    static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ISSUER = "https://idp.example.test/realms/opsplane";
    static final String AUDIENCE = "opsplane";
    static final JwtSettings SETTINGS = JwtSettings.of(ISSUER, Set.of(AUDIENCE, "opsplane-cli"));
    static final String RSA_KID = "rsa-1";
    static final String EC_KID = "ec-1";
    static final long EXPIRES_IN = 300;
    static final List<String> GROUPS = List.of("operators", "viewers");
    static final String JWKS = TestKeys.jwks(TestKeys.rsaJwk(RSA_KID, TestKeys.RSA), TestKeys.ecJwk(EC_KID, TestKeys.EC));

    private JwtFixture() {
    }

    /** Seconds since the epoch, {@code offset} seconds from now. */
    static long at(long offset) {
        return NOW.getEpochSecond() + offset;
    }

    static Map<String, Object> standardClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "alice");
        claims.put("exp", at(EXPIRES_IN));
        claims.put("iat", at(-10));
        claims.put("nbf", at(-10));
        claims.put("jti", "token-1");
        claims.put("groups", GROUPS);
        return claims;
    }

    /** A valid RS256 token with kid {@code rsa-1} and the standard claims, ready to change. */
    static TestTokens rsa() {
        return TestTokens.signedBy(TestTokens.rs256(TestKeys.RSA.getPrivate()))
                .header("alg", "RS256").header("typ", "JWT").header("kid", RSA_KID).claims(standardClaims());
    }

    /** A valid ES256 token with kid {@code ec-1} and the standard claims, ready to change. */
    static TestTokens ec() {
        return TestTokens.signedBy(TestTokens.es256(TestKeys.EC.getPrivate()))
                .header("alg", "ES256").header("typ", "JWT").header("kid", EC_KID).claims(standardClaims());
    }

    /** The standard claims as JSON with {@code rawMember} (for example {@code "exp":1e300}) put first. */
    static String payloadWith(String rawMember, String... without) {
        Map<String, Object> claims = standardClaims();
        for (String name : without) {
            claims.remove(name);
        }
        return "{" + rawMember + "," + TestJson.write(claims).substring(1);
    }

    /** What the standard claims verify to. */
    static VerifiedJwt standardResult() {
        return new VerifiedJwt("alice", GROUPS, Instant.ofEpochSecond(at(EXPIRES_IN)), "token-1");
    }
}
