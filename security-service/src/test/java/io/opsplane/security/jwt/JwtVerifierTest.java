package io.opsplane.security.jwt;

import static io.opsplane.security.jwt.JwtFixture.AUDIENCE;
import static io.opsplane.security.jwt.JwtFixture.CLOCK;
import static io.opsplane.security.jwt.JwtFixture.EC_KID;
import static io.opsplane.security.jwt.JwtFixture.ISSUER;
import static io.opsplane.security.jwt.JwtFixture.RSA_KID;
import static io.opsplane.security.jwt.JwtFixture.SETTINGS;
import static io.opsplane.security.jwt.JwtFixture.at;
import static io.opsplane.security.jwt.JwtFixture.ec;
import static io.opsplane.security.jwt.JwtFixture.payloadWith;
import static io.opsplane.security.jwt.JwtFixture.rsa;
import static io.opsplane.security.jwt.JwtFixture.standardResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a token is accepted or refused, one row each, against keys read from a JWKS file. */
class JwtVerifierTest {

    @TempDir
    static Path folder;
    static JwtVerifier verifier;

    @BeforeAll
    static void keysFromAJwksFile() throws IOException {
        Path jwks = folder.resolve("jwks.json");
        Files.writeString(jwks, JwtFixture.JWKS);
        verifier = new JwtVerifier(SETTINGS, new JwksFile(jwks), CLOCK);
    }

    static Arguments accepts(String label, TestTokens token, Instant expiresAt) {
        return Arguments.of(label, token, expiresAt);
    }

    static Stream<Arguments> accepted() {
        Instant standardExpiry = standardResult().expiresAt();
        return Stream.of(
                accepts("RS256 with kid", rsa(), standardExpiry),
                accepts("ES256 with kid", ec(), standardExpiry),
                accepts("RS256 without kid, the only RSA key", rsa().header("kid", null), standardExpiry),
                accepts("ES256 without kid, the only EC key", ec().header("kid", null), standardExpiry),
                accepts("no typ", rsa().header("typ", null), standardExpiry),
                accepts("typ jwt in lower case", rsa().header("typ", "jwt"), standardExpiry),
                accepts("typ at+jwt", ec().header("typ", "at+jwt"), standardExpiry),
                accepts("typ AT+JWT", rsa().header("typ", "AT+JWT"), standardExpiry),
                accepts("unknown header members are ignored", rsa().header("x5t", "abc").header("cty", "JWT"),
                        standardExpiry),
                accepts("aud array naming an accepted audience", rsa().claim("aud", List.of("other", AUDIENCE)),
                        standardExpiry),
                accepts("aud naming the second accepted audience", rsa().claim("aud", "opsplane-cli"), standardExpiry),
                accepts("no nbf and no iat", rsa().claim("nbf", null).claim("iat", null), standardExpiry),
                accepts("exp 29 s past, within the leeway", rsa().claim("exp", at(-29)),
                        Instant.ofEpochSecond(at(-29))),
                accepts("nbf 30 s ahead, within the leeway", rsa().claim("nbf", at(30)), standardExpiry),
                accepts("iat 30 s ahead, within the leeway", ec().claim("iat", at(30)), standardExpiry),
                accepts("fractional exp", rsa().rawPayload(payloadWith("\"exp\":" + at(60) + ".25", "exp")),
                        Instant.ofEpochSecond(at(60), 250_000_000)),
                accepts("subject of 256 characters", rsa().claim("sub", "a".repeat(256)), standardExpiry),
                accepts("unicode subject", rsa().claim("sub", "J\u00fcrgen \u6771\u4eac"), standardExpiry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsValidTokens(String label, TestTokens token, Instant expiresAt) {
        VerifiedJwt verified = verifier.verify(token.build());

        assertEquals(expiresAt, verified.expiresAt());
        assertEquals(JwtFixture.GROUPS, verified.groups());
        assertEquals("token-1", verified.tokenId());
    }

    static Arguments refuses(String label, Supplier<String> token, RejectionReason reason) {
        return Arguments.of(label, token, reason);
    }

    static Stream<Arguments> refused() {
        byte[] publicKeyDer = TestKeys.RSA.getPublic().getEncoded();
        byte[] publicKeyPem = ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKeyDer)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                // The token's shape
                refuses("null", () -> null, RejectionReason.TOKEN_MISSING),
                refuses("empty", () -> "", RejectionReason.TOKEN_MISSING),
                refuses("longer than 8192 characters", () -> rsa().claim("pad", "x".repeat(8192)).build(),
                        RejectionReason.TOKEN_TOO_LONG),
                refuses("two parts", () -> dropLastPart(rsa().build()), RejectionReason.NOT_THREE_PARTS),
                refuses("four parts", () -> rsa().build() + ".", RejectionReason.NOT_THREE_PARTS),
                refuses("one part", () -> "abc", RejectionReason.NOT_THREE_PARTS),
                refuses("padded header", () -> padHeader(rsa().build()), RejectionReason.NOT_BASE64URL),
                refuses("plus in the signature", () -> replaceFirstSignatureCharacter(rsa().build(), '+'),
                        RejectionReason.NOT_BASE64URL),
                refuses("slash in the signature", () -> replaceFirstSignatureCharacter(rsa().build(), '/'),
                        RejectionReason.NOT_BASE64URL),
                refuses("space in the payload", () -> insertIntoPayload(rsa().build(), " "),
                        RejectionReason.NOT_BASE64URL),
                refuses("non-canonical last character", () -> nonCanonicalSignature(ec().build()),
                        RejectionReason.NOT_BASE64URL),
                refuses("header not JSON", () -> rsa().rawHeader("alg=RS256").build(),
                        RejectionReason.HEADER_NOT_JSON_OBJECT),
                refuses("header a JSON array", () -> rsa().rawHeader("[\"RS256\"]").build(),
                        RejectionReason.HEADER_NOT_JSON_OBJECT),
                refuses("header with text after the object",
                        () -> rsa().rawHeader("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"} {}").build(),
                        RejectionReason.HEADER_NOT_JSON_OBJECT),
                refuses("header not UTF-8", () -> latin1Header(), RejectionReason.HEADER_NOT_JSON_OBJECT),
                refuses("payload not JSON", () -> rsa().rawPayload("sub=alice").build(),
                        RejectionReason.PAYLOAD_NOT_JSON_OBJECT),
                refuses("payload a JSON string", () -> rsa().rawPayload("\"alice\"").build(),
                        RejectionReason.PAYLOAD_NOT_JSON_OBJECT),
                refuses("duplicate key in the header",
                        () -> rsa().rawHeader("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"alg\":\"none\"}").build(),
                        RejectionReason.DUPLICATE_JSON_KEY),
                refuses("duplicate key in the payload", () -> rsa().rawPayload(payloadWith("\"sub\":\"admin\"")).build(),
                        RejectionReason.DUPLICATE_JSON_KEY),
                // The algorithm and the header
                refuses("alg none, no signature", () -> rsa().header("alg", "none").signer(TestTokens.unsigned()).build(),
                        RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg None, no signature", () -> rsa().header("alg", "None").signer(TestTokens.unsigned()).build(),
                        RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg HS256 keyed with the RSA public key (DER)",
                        () -> rsa().header("alg", "HS256").signer(TestTokens.hs256(publicKeyDer)).build(),
                        RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg HS256 keyed with the RSA public key (PEM)",
                        () -> rsa().header("alg", "HS256").signer(TestTokens.hs256(publicKeyPem)).build(),
                        RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg RS512", () -> rsa().header("alg", "RS512")
                        .signer(TestTokens.rs512(TestKeys.RSA.getPrivate())).build(), RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg rs256 in lower case", () -> rsa().header("alg", "rs256").build(),
                        RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg missing", () -> rsa().header("alg", null).build(), RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("alg not a string", () -> rsa().header("alg", 256).build(), RejectionReason.UNSUPPORTED_ALGORITHM),
                refuses("crit header", () -> rsa().header("crit", List.of("exp")).header("exp", at(60)).build(),
                        RejectionReason.CRITICAL_HEADER),
                refuses("typ JWE", () -> rsa().header("typ", "JWE").build(), RejectionReason.UNSUPPORTED_TYPE),
                refuses("typ of an ID token for another use", () -> rsa().header("typ", "logout+jwt").build(),
                        RejectionReason.UNSUPPORTED_TYPE),
                refuses("typ not a string", () -> rsa().header("typ", 1).build(), RejectionReason.UNSUPPORTED_TYPE),
                refuses("kid not a string", () -> rsa().header("kid", 1).build(), RejectionReason.INVALID_KEY_ID),
                // Keys and signatures
                refuses("unknown kid", () -> rsa().header("kid", "rsa-2").build(), RejectionReason.UNKNOWN_KEY),
                refuses("unknown kid forging a log line", () -> rsa().header("kid", "x\nINFO admin signed in").build(),
                        RejectionReason.UNKNOWN_KEY),
                refuses("RS256 naming the EC key", () -> rsa().header("kid", EC_KID).build(),
                        RejectionReason.ALGORITHM_KEY_MISMATCH),
                refuses("ES256 naming the RSA key", () -> ec().header("kid", RSA_KID).build(),
                        RejectionReason.ALGORITHM_KEY_MISMATCH),
                refuses("RS256 payload with one bit flipped", () -> TestTokens.flipBit(rsa().build(), 1, 5),
                        RejectionReason.BAD_SIGNATURE),
                refuses("RS256 signature with one bit flipped", () -> TestTokens.flipBit(rsa().build(), 2, 100),
                        RejectionReason.BAD_SIGNATURE),
                refuses("ES256 payload with one bit flipped", () -> TestTokens.flipBit(ec().build(), 1, 5),
                        RejectionReason.BAD_SIGNATURE),
                refuses("ES256 signature with one bit flipped", () -> TestTokens.flipBit(ec().build(), 2, 40),
                        RejectionReason.BAD_SIGNATURE),
                refuses("RS256 signed by another RSA key",
                        () -> rsa().signer(TestTokens.rs256(TestKeys.rsa(2048).getPrivate())).build(),
                        RejectionReason.BAD_SIGNATURE),
                refuses("RS256 with an empty signature", () -> rsa().signer(TestTokens.unsigned()).build(),
                        RejectionReason.BAD_SIGNATURE),
                refuses("ES256 signature of zeros", () -> TestTokens.withSignature(ec().build(), new byte[64]),
                        RejectionReason.BAD_SIGNATURE),
                refuses("ES256 signature in DER", () -> ec().signer(TestTokens.es256Der(TestKeys.EC.getPrivate())).build(),
                        RejectionReason.MALFORMED_SIGNATURE),
                refuses("ES256 signature of 63 bytes", () -> TestTokens.withSignature(ec().build(), new byte[63]),
                        RejectionReason.MALFORMED_SIGNATURE),
                refuses("ES256 signature of 65 bytes", () -> TestTokens.withSignature(ec().build(), new byte[65]),
                        RejectionReason.MALFORMED_SIGNATURE),
                // Time
                refuses("exp missing", () -> rsa().claim("exp", null).build(), RejectionReason.EXPIRATION_MISSING),
                refuses("exp a string", () -> rsa().claim("exp", String.valueOf(at(60))).build(),
                        RejectionReason.INVALID_TIME_CLAIM),
                refuses("exp null", () -> rsa().rawPayload(payloadWith("\"exp\":null", "exp")).build(),
                        RejectionReason.INVALID_TIME_CLAIM),
                refuses("exp true", () -> rsa().claim("exp", true).build(), RejectionReason.INVALID_TIME_CLAIM),
                refuses("exp negative", () -> rsa().claim("exp", -1).build(), RejectionReason.INVALID_TIME_CLAIM),
                refuses("exp beyond year 9999", () -> rsa().rawPayload(payloadWith("\"exp\":1e300", "exp")).build(),
                        RejectionReason.INVALID_TIME_CLAIM),
                refuses("exp with a huge negative exponent",
                        () -> rsa().rawPayload(payloadWith("\"exp\":1e-999999999", "exp")).build(),
                        RejectionReason.INVALID_TIME_CLAIM),
                refuses("exp exactly at now minus leeway", () -> rsa().claim("exp", at(-30)).build(),
                        RejectionReason.EXPIRED),
                refuses("exp an hour past", () -> ec().claim("exp", at(-3600)).build(), RejectionReason.EXPIRED),
                refuses("nbf 31 s ahead", () -> rsa().claim("nbf", at(31)).build(), RejectionReason.NOT_YET_VALID),
                refuses("nbf a string", () -> rsa().claim("nbf", "soon").build(), RejectionReason.INVALID_TIME_CLAIM),
                refuses("iat 31 s ahead", () -> rsa().claim("iat", at(31)).build(), RejectionReason.ISSUED_IN_FUTURE),
                refuses("iat a string", () -> rsa().claim("iat", "now").build(), RejectionReason.INVALID_TIME_CLAIM),
                // Issuer, audience, subject, groups, token id
                refuses("iss missing", () -> rsa().claim("iss", null).build(), RejectionReason.ISSUER_MISSING),
                refuses("iss of another issuer", () -> rsa().claim("iss", "https://idp.example.test/realms/other").build(),
                        RejectionReason.ISSUER_MISMATCH),
                refuses("iss with a trailing slash", () -> rsa().claim("iss", ISSUER + "/").build(),
                        RejectionReason.ISSUER_MISMATCH),
                refuses("iss in another case", () -> rsa().claim("iss", ISSUER.toUpperCase()).build(),
                        RejectionReason.ISSUER_MISMATCH),
                refuses("iss an array", () -> rsa().claim("iss", List.of(ISSUER)).build(),
                        RejectionReason.ISSUER_MISMATCH),
                refuses("aud missing", () -> rsa().claim("aud", null).build(), RejectionReason.AUDIENCE_MISSING),
                refuses("aud of another service", () -> rsa().claim("aud", "billing").build(),
                        RejectionReason.AUDIENCE_MISMATCH),
                refuses("aud array without an accepted audience", () -> rsa().claim("aud", List.of("billing", "crm")).build(),
                        RejectionReason.AUDIENCE_MISMATCH),
                refuses("aud empty array", () -> rsa().claim("aud", List.of()).build(), RejectionReason.AUDIENCE_MISMATCH),
                refuses("aud array with a number", () -> rsa().claim("aud", List.of(AUDIENCE, 7)).build(),
                        RejectionReason.AUDIENCE_MISMATCH),
                refuses("aud a number", () -> rsa().claim("aud", 7).build(), RejectionReason.AUDIENCE_MISMATCH),
                refuses("sub missing", () -> rsa().claim("sub", null).build(), RejectionReason.SUBJECT_MISSING),
                refuses("sub blank", () -> rsa().claim("sub", "  ").build(), RejectionReason.SUBJECT_INVALID),
                refuses("sub empty", () -> rsa().claim("sub", "").build(), RejectionReason.SUBJECT_INVALID),
                refuses("sub a number", () -> rsa().claim("sub", 42).build(), RejectionReason.SUBJECT_INVALID),
                refuses("sub of 257 characters", () -> rsa().claim("sub", "a".repeat(257)).build(),
                        RejectionReason.SUBJECT_INVALID),
                refuses("sub with a newline", () -> rsa().claim("sub", "alice\nadmin logged in").build(),
                        RejectionReason.SUBJECT_INVALID),
                refuses("groups a number", () -> rsa().claim("groups", 5).build(), RejectionReason.GROUPS_INVALID),
                refuses("groups with a number", () -> rsa().claim("groups", List.of("ops", 5)).build(),
                        RejectionReason.GROUPS_INVALID),
                refuses("jti a number", () -> rsa().claim("jti", 5).build(), RejectionReason.TOKEN_ID_INVALID),
                refuses("jti blank", () -> rsa().claim("jti", " ").build(), RejectionReason.TOKEN_ID_INVALID),
                refuses("jti of 257 characters", () -> rsa().claim("jti", "j".repeat(257)).build(),
                        RejectionReason.TOKEN_ID_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesEachFlawWithItsReason(String label, Supplier<String> token, RejectionReason reason) {
        String compact = token.get();

        JwtRejectedException rejected = assertThrows(JwtRejectedException.class, () -> verifier.verify(compact));

        assertEquals(reason, rejected.reason(), rejected.getMessage());
        String message = rejected.getMessage();
        assertTrue(message.startsWith(reason + ": "), message);
        assertTrue(message.length() < 200 && message.indexOf('\n') < 0, message);
    }

    private static String dropLastPart(String token) {
        return token.substring(0, token.lastIndexOf('.'));
    }

    private static String padHeader(String token) {
        int dot = token.indexOf('.');
        return token.substring(0, dot) + "=" + token.substring(dot);
    }

    private static String replaceFirstSignatureCharacter(String token, char replacement) {
        int start = token.lastIndexOf('.') + 1;
        return token.substring(0, start) + replacement + token.substring(start + 1);
    }

    private static String insertIntoPayload(String token, String text) {
        int dot = token.indexOf('.');
        return token.substring(0, dot + 1) + text + token.substring(dot + 1);
    }

    /** ES256 signatures are 64 bytes, 86 characters whose last carries 4 unused bits; setting one keeps the bytes. */
    private static String nonCanonicalSignature(String token) {
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char changed = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        return token.substring(0, token.length() - 1) + changed;
    }

    private static String latin1Header() {
        byte[] header = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        String token = rsa().build();
        return Base64Url.encode(header) + token.substring(token.indexOf('.'));
    }

}
