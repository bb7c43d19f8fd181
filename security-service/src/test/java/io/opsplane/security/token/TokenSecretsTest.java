package io.opsplane.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TokenSecretsTest {

    private static final Pattern LOWER_HEX_64 = Pattern.compile("[0-9a-f]{64}");
    /** 43 base64url characters: the encoding of 32 bytes without padding. */
    private static final String BODY = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

    @Test
    void theSampleBodyHasTheIssuedLength() {
        assertEquals(43, BODY.length());
        assertTrue(TokenSecrets.isWellFormed("ops_" + BODY));
    }

    @Test
    void generatedTokensAreOpsPrefixedBase64urlOf32Bytes() {
        String token = TokenSecrets.generate();

        assertTrue(token.startsWith(TokenSecrets.PREFIX), token);
        assertEquals("ops_", TokenSecrets.PREFIX);
        assertEquals(47, token.length(), token);
        assertTrue(TokenSecrets.isWellFormed(token), token);
        assertEquals(32, Base64.getUrlDecoder().decode(token.substring(4)).length);
    }

    @Test
    void generatedTokensAreWellFormedAndUniqueOverAThousandDraws() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = TokenSecrets.generate();
            assertTrue(TokenSecrets.isWellFormed(token), token);
            assertEquals(47, token.length(), token);
            tokens.add(token);
        }

        assertEquals(1_000, tokens.size());
    }

    @Test
    void hashIsSha256AsLowercaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.hash("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", TokenSecrets.hash(""));
    }

    @Test
    void hashOfAGeneratedTokenIs64LowercaseHexAndDeterministic() {
        String token = TokenSecrets.generate();

        String hash = TokenSecrets.hash(token);

        assertTrue(LOWER_HEX_64.matcher(hash).matches(), hash);
        assertEquals(hash, TokenSecrets.hash(token));
        assertEquals(hash, TokenSecrets.hash(new String(token.toCharArray())));
    }

    @Test
    void differentTokensHaveDifferentHashes() {
        String first = "ops_" + BODY;
        String second = "ops_" + BODY.substring(0, 42) + "f";

        assertNotEquals(TokenSecrets.hash(first), TokenSecrets.hash(second));
        assertNotEquals(TokenSecrets.hash(TokenSecrets.generate()), TokenSecrets.hash(TokenSecrets.generate()));
    }

    static Stream<String> wellFormed() {
        return Stream.of(
                "ops_" + BODY,
                "ops_" + "A".repeat(43),
                "ops_" + "-".repeat(43),
                "ops_" + "_".repeat(43),
                "ops_" + "9".repeat(43));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("wellFormed")
    void tokensOfTheIssuedShapeAreWellFormed(String token) {
        assertTrue(TokenSecrets.isWellFormed(token));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("prefix only", "ops_"),
                Arguments.of("no prefix", BODY),
                Arguments.of("other prefix", "opx_" + BODY),
                Arguments.of("uppercase prefix", "OPS_" + BODY),
                Arguments.of("dash instead of underscore", "ops-" + BODY),
                Arguments.of("42 characters", "ops_" + BODY.substring(1)),
                Arguments.of("44 characters", "ops_" + BODY + "a"),
                Arguments.of("base64 padding", "ops_" + BODY.substring(1) + "="),
                Arguments.of("plus", "ops_" + BODY.substring(1) + "+"),
                Arguments.of("slash", "ops_" + BODY.substring(1) + "/"),
                Arguments.of("inner space", "ops_" + BODY.substring(0, 20) + " " + BODY.substring(21)),
                Arguments.of("leading space", " ops_" + BODY),
                Arguments.of("trailing space", "ops_" + BODY + " "),
                Arguments.of("trailing newline", "ops_" + BODY + "\n"),
                Arguments.of("tab", "ops_" + BODY.substring(1) + "\t"),
                Arguments.of("NUL", "ops_" + BODY.substring(1) + "\u0000"),
                Arguments.of("NUL after a valid token", "ops_" + BODY + "\u0000"),
                Arguments.of("non-ASCII letter", "ops_" + BODY.substring(1) + "\u00e9"),
                Arguments.of("two tokens", "ops_" + BODY + "ops_" + BODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void anythingElseIsNotWellFormed(String label, String token) {
        assertFalse(TokenSecrets.isWellFormed(token));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreNotWellFormed(String token) {
        assertFalse(TokenSecrets.isWellFormed(token));
    }
}
