package io.opsplane.security.jwt;

import static io.opsplane.security.jwt.JwtFixture.CLOCK;
import static io.opsplane.security.jwt.JwtFixture.SETTINGS;
import static io.opsplane.security.jwt.JwtFixture.at;
import static io.opsplane.security.jwt.JwtFixture.rsa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How settings map claims to the verified holder: groups path, subject claim, token id, leeway, length. */
class JwtClaimMappingTest {

    private static final KeySource KEYS = JwksKeys.parse(JwtFixture.JWKS)::find;

    private static JwtVerifier verifier(JwtSettings settings) {
        return new JwtVerifier(settings, KEYS, CLOCK);
    }

    static Stream<Arguments> groups() {
        return Stream.of(
                Arguments.of("array", "groups", Map.of("groups", List.of("ops", "dev")), List.of("ops", "dev")),
                Arguments.of("single string", "groups", Map.of("groups", "ops"), List.of("ops")),
                Arguments.of("empty array", "groups", Map.of("groups", List.of()), List.of()),
                Arguments.of("missing", "groups", Map.of(), List.of()),
                Arguments.of("another top-level claim", "roles", Map.of("roles", List.of("admin")), List.of("admin")),
                Arguments.of("nested array", "realm_access.roles",
                        Map.of("realm_access", Map.of("roles", List.of("ops", "dev"))), List.of("ops", "dev")),
                Arguments.of("nested string", "realm_access.roles",
                        Map.of("realm_access", Map.of("roles", "ops")), List.of("ops")),
                Arguments.of("three levels", "resource_access.opsplane.roles",
                        Map.of("resource_access", Map.of("opsplane", Map.of("roles", List.of("viewer")))),
                        List.of("viewer")),
                Arguments.of("nested object missing", "realm_access.roles", Map.of(), List.of()),
                Arguments.of("nested member missing", "realm_access.roles", Map.of("realm_access", Map.of()), List.of()),
                Arguments.of("top-level claim of that dotted name is not a path", "realm_access.roles",
                        Map.of("realm_access.roles", List.of("ops")), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void groupsComeFromTheConfiguredPath(String label, String path, Map<String, Object> claims, List<String> expected) {
        String token = rsa().claim("groups", null).claims(claims).build();

        VerifiedJwt verified = verifier(SETTINGS.withGroupsClaim(path)).verify(token);

        assertEquals(expected, verified.groups());
    }

    static Stream<Arguments> invalidGroups() {
        return Stream.of(
                Arguments.of("number", "groups", Map.of("groups", 1)),
                Arguments.of("object", "groups", Map.of("groups", Map.of("ops", true))),
                Arguments.of("array with an object", "groups", Map.of("groups", List.of("ops", Map.of()))),
                Arguments.of("nested array of arrays", "realm_access.roles",
                        Map.of("realm_access", Map.of("roles", List.of(List.of("ops"))))),
                Arguments.of("intermediate not an object", "realm_access.roles", Map.of("realm_access", "ops")),
                Arguments.of("intermediate an array", "realm_access.roles",
                        Map.of("realm_access", List.of(Map.of("roles", "ops")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidGroups")
    void groupsOfAnotherShapeAreRefused(String label, String path, Map<String, Object> claims) {
        String token = rsa().claim("groups", null).claims(claims).build();

        JwtRejectedException rejected = assertThrows(JwtRejectedException.class,
                () -> verifier(SETTINGS.withGroupsClaim(path)).verify(token));

        assertEquals(RejectionReason.GROUPS_INVALID, rejected.reason());
    }

    @Test
    void nullGroupsAreNoGroups() {
        String token = rsa().rawPayload(JwtFixture.payloadWith("\"groups\":null", "groups")).build();

        assertEquals(List.of(), verifier(SETTINGS).verify(token).groups());
    }

    @Test
    void theSubjectComesFromTheConfiguredClaim() {
        JwtVerifier byUsername = verifier(SETTINGS.withSubjectClaim("preferred_username"));

        VerifiedJwt verified = byUsername.verify(rsa().claim("preferred_username", "alice.smith").build());

        assertEquals("alice.smith", verified.subject());
        assertEquals(RejectionReason.SUBJECT_MISSING, assertThrows(JwtRejectedException.class,
                () -> byUsername.verify(rsa().build())).reason());
    }

    @Test
    void aTokenWithJtiIsKnownByIt() {
        assertEquals(JwtFixture.standardResult(), verifier(SETTINGS).verify(rsa().build()));
    }

    @Test
    void aTokenWithoutJtiIsKnownByItsHash() throws Exception {
        String token = rsa().claim("jti", null).build();
        String sha256 = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));

        VerifiedJwt verified = verifier(SETTINGS).verify(token);

        assertEquals("jwt:" + sha256.substring(0, 32), verified.tokenId());
        assertEquals(36, verified.tokenId().length());
    }

    @Test
    void theLengthLimitCountsEveryCharacter() {
        String token = rsa().build();

        assertEquals("alice", verifier(SETTINGS.withMaxTokenLength(token.length())).verify(token).subject());
        assertEquals(RejectionReason.TOKEN_TOO_LONG, assertThrows(JwtRejectedException.class,
                () -> verifier(SETTINGS.withMaxTokenLength(token.length() - 1)).verify(token)).reason());
    }

    static Stream<Arguments> withoutLeeway() {
        return Stream.of(
                Arguments.of("exp 1 s ahead", rsa().claim("exp", at(1)), null),
                Arguments.of("exp now", rsa().claim("exp", at(0)), RejectionReason.EXPIRED),
                Arguments.of("nbf now", rsa().claim("nbf", at(0)), null),
                Arguments.of("nbf 1 s ahead", rsa().claim("nbf", at(1)), RejectionReason.NOT_YET_VALID),
                Arguments.of("iat now", rsa().claim("iat", at(0)), null),
                Arguments.of("iat 1 s ahead", rsa().claim("iat", at(1)), RejectionReason.ISSUED_IN_FUTURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutLeeway")
    void withoutLeewayTimesAreExact(String label, TestTokens token, RejectionReason expected) {
        JwtVerifier exact = verifier(SETTINGS.withLeeway(Duration.ZERO));
        String compact = token.build();

        if (expected == null) {
            assertEquals("alice", exact.verify(compact).subject());
        } else {
            assertEquals(expected, assertThrows(JwtRejectedException.class, () -> exact.verify(compact)).reason());
        }
    }

    @Test
    void noKidAndTwoKeysOfTheTypeFindsNoKey() {
        KeySource twoRsaKeys = JwksKeys.parse(TestKeys.jwks(TestKeys.rsaJwk("rsa-1", TestKeys.RSA),
                TestKeys.rsaJwk("rsa-2", TestKeys.rsa(2048))))::find;
        String token = rsa().header("kid", null).build();

        JwtRejectedException rejected = assertThrows(JwtRejectedException.class,
                () -> new JwtVerifier(SETTINGS, twoRsaKeys, CLOCK).verify(token));

        assertEquals(RejectionReason.UNKNOWN_KEY, rejected.reason());
    }

    @Test
    void aKeySourceHandingOutAKeyOfTheWrongTypeIsCaught() {
        KeySource careless = (kid, alg) -> Optional.of(TestKeys.EC.getPublic());

        JwtRejectedException rejected = assertThrows(JwtRejectedException.class,
                () -> new JwtVerifier(SETTINGS, careless, CLOCK).verify(rsa().build()));

        assertEquals(RejectionReason.ALGORITHM_KEY_MISMATCH, rejected.reason());
    }

    @Test
    void aP384KeyDoesNotFitEs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        PublicKey p384 = generator.generateKeyPair().getPublic();
        KeySource keys = (kid, alg) -> Optional.of(p384);

        JwtRejectedException rejected = assertThrows(JwtRejectedException.class,
                () -> new JwtVerifier(SETTINGS, keys, CLOCK).verify(JwtFixture.ec().build()));

        assertEquals(RejectionReason.ALGORITHM_KEY_MISMATCH, rejected.reason());
    }

    @Test
    void theVerifiedExpiryIsTheTokensExp() {
        VerifiedJwt verified = verifier(SETTINGS).verify(rsa().claim("exp", at(120)).build());

        assertEquals(Instant.ofEpochSecond(at(120)), verified.expiresAt());
    }
}
