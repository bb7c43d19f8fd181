package io.opsplane.security.jwt;

import static io.opsplane.security.jwt.TestKeys.EC;
import static io.opsplane.security.jwt.TestKeys.RSA;
import static io.opsplane.security.jwt.TestKeys.ecJwk;
import static io.opsplane.security.jwt.TestKeys.jwks;
import static io.opsplane.security.jwt.TestKeys.rsaJwk;
import static io.opsplane.security.jwt.TestKeys.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwksKeysTest {

    private static final KeyPair WEAK_RSA = TestKeys.rsa(1024);
    private static final KeyPair OTHER_RSA = TestKeys.rsa(2048);

    @Test
    void readsRsaAndP256KeysByKid() {
        JwksKeys keys = JwksKeys.parse(jwks(rsaJwk("r", RSA), ecJwk("e", EC)));

        assertEquals(2, keys.size());
        assertEquals(List.of(), keys.refusedKeys());
        assertEquals(Optional.of(RSA.getPublic()), keys.find("r", "RS256"));
        assertEquals(Optional.of(EC.getPublic()), keys.find("e", "ES256"));
        assertEquals(Optional.empty(), keys.find("x", "RS256"));
    }

    @Test
    void keysWithoutUseOrAlgAreSigningKeys() {
        JwksKeys keys = JwksKeys.parse(jwks(with(with(rsaJwk("r", RSA), "use", null), "alg", null),
                with(with(ecJwk("e", EC), "use", null), "alg", null)));

        assertEquals(2, keys.size());
    }

    @Test
    void aModulusWithALeadingZeroByteIsRead() {
        BigInteger modulus = ((RSAPublicKey) RSA.getPublic()).getModulus();
        byte[] raw = modulus.toByteArray();
        byte[] withZero = new byte[raw[0] == 0 ? raw.length : raw.length + 1];
        System.arraycopy(raw, 0, withZero, withZero.length - raw.length, raw.length);

        JwksKeys keys = JwksKeys.parse(jwks(with(rsaJwk("r", RSA), "n", Base64Url.encode(withZero))));

        assertEquals(Optional.of(RSA.getPublic()), keys.find("r", "RS256"));
    }

    static Stream<Arguments> lookups() {
        String twoRsa = jwks(rsaJwk("r1", RSA), rsaJwk("r2", OTHER_RSA), ecJwk("e", EC));
        String oneEach = jwks(rsaJwk("r", RSA), ecJwk("e", EC));
        String sharedKid = jwks(rsaJwk("k", RSA), ecJwk("k", EC));
        return Stream.of(
                Arguments.of("no kid, the only RSA key", oneEach, null, "RS256", RSA),
                Arguments.of("no kid, the only EC key", oneEach, null, "ES256", EC),
                Arguments.of("no kid, two RSA keys", twoRsa, null, "RS256", null),
                Arguments.of("no kid, the only EC key beside two RSA keys", twoRsa, null, "ES256", EC),
                Arguments.of("no kid, unknown alg", oneEach, null, "HS256", null),
                Arguments.of("kid of the other type: the caller refuses the mismatch", oneEach, "e", "RS256", EC),
                Arguments.of("kid shared by an RSA and an EC key, RS256", sharedKid, "k", "RS256", RSA),
                Arguments.of("kid shared by an RSA and an EC key, ES256", sharedKid, "k", "ES256", EC),
                Arguments.of("kid shared, unknown alg", sharedKid, "k", "PS256", null),
                Arguments.of("unknown kid", twoRsa, "r3", "RS256", null),
                Arguments.of("kid in another case", oneEach, "R", "RS256", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void findsTheKeyATokenNames(String label, String document, String kid, String alg, KeyPair expected) {
        Optional<?> found = JwksKeys.parse(document).find(kid, alg);

        assertEquals(Optional.ofNullable(expected).map(KeyPair::getPublic), found);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("use enc", with(rsaJwk("k", RSA), "use", "enc"), "use \"enc\""),
                Arguments.of("RSA modulus of 1024 bits", rsaJwk("k", WEAK_RSA), "1024 bits"),
                Arguments.of("RSA key for RS512", with(rsaJwk("k", RSA), "alg", "RS512"), "alg \"RS512\""),
                Arguments.of("RSA key for ES256", with(rsaJwk("k", RSA), "alg", "ES256"), "alg \"ES256\""),
                Arguments.of("EC key for RS256", with(ecJwk("k", EC), "alg", "RS256"), "alg \"RS256\""),
                Arguments.of("EC key for ES384", with(ecJwk("k", EC), "alg", "ES384"), "alg \"ES384\""),
                Arguments.of("curve P-384", with(ecJwk("k", EC), "crv", "P-384"), "curve \"P-384\""),
                Arguments.of("symmetric key", Map.of("kty", "oct", "kid", "k", "k", "c2VjcmV0"), "kty \"oct\""),
                Arguments.of("Ed25519 key", Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA"), "kty \"OKP\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void keysNotForUsAreSkippedWithANote(String label, Map<String, Object> jwk, String notePart) {
        JwksKeys keys = JwksKeys.parse(jwks(jwk, ecJwk("good", EC)));

        assertEquals(1, keys.size());
        assertEquals(Optional.of(EC.getPublic()), keys.find("good", "ES256"));
        assertEquals(1, keys.refusedKeys().size());
        assertTrue(keys.refusedKeys().get(0).contains(notePart), keys.refusedKeys().get(0));
    }

    static Stream<Arguments> malformed() {
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        BigInteger p = ((ECFieldFp) ec.getParams().getCurve().getField()).getP();
        String offCurveY = TestKeys.unsigned(ec.getW().getAffineY().add(BigInteger.ONE).mod(p), 32);
        String zero = TestKeys.unsigned(BigInteger.ZERO, 32);
        String fieldPrime = TestKeys.unsigned(p, 32);
        String shortX = Base64Url.encode(new byte[31]);
        return Stream.of(
                Arguments.of("not JSON", "keys", "not well-formed JSON"),
                Arguments.of("a JSON array", "[]", "not a JSON object"),
                Arguments.of("no keys member", "{}", "no keys array"),
                Arguments.of("keys not an array", "{\"keys\":{}}", "no keys array"),
                Arguments.of("duplicate member", "{\"keys\":[],\"keys\":[]}", "duplicate key"),
                Arguments.of("key not an object", "{\"keys\":[\"RSA\"]}", "key 0 is not a JSON object"),
                Arguments.of("kty missing", jwks(with(rsaJwk("k", RSA), "kty", null)), "has no kty"),
                Arguments.of("kty a number", jwks(with(rsaJwk("k", RSA), "kty", 1)), "kty is not a string"),
                Arguments.of("kid a number", jwks(with(rsaJwk("k", RSA), "kid", 1)), "kid is not a string"),
                Arguments.of("use a list", jwks(with(rsaJwk("k", RSA), "use", List.of("sig"))), "use is not a string"),
                Arguments.of("n missing", jwks(with(rsaJwk("k", RSA), "n", null)), "has no n"),
                Arguments.of("e missing", jwks(with(rsaJwk("k", RSA), "e", null)), "has no e"),
                Arguments.of("n padded", jwks(with(rsaJwk("k", RSA), "n", rsaJwk("k", RSA).get("n") + "==")),
                        "n is not base64url"),
                Arguments.of("n in standard base64", jwks(with(rsaJwk("k", RSA), "n", "ab+/")), "n is not base64url"),
                Arguments.of("e even", jwks(with(rsaJwk("k", RSA), "e", "AQAA")), "exponent"),
                Arguments.of("e of 1", jwks(with(rsaJwk("k", RSA), "e", "AQ")), "exponent"),
                Arguments.of("RSA private exponent", jwks(with(rsaJwk("k", RSA), "d", "AQAB")), "private key"),
                Arguments.of("EC private key", jwks(with(ecJwk("k", EC), "d", "AQAB")), "private key"),
                Arguments.of("crv missing", jwks(with(ecJwk("k", EC), "crv", null)), "has no crv"),
                Arguments.of("y missing", jwks(with(ecJwk("k", EC), "y", null)), "has no y"),
                Arguments.of("x of 31 bytes", jwks(with(ecJwk("k", EC), "x", shortX)), "must be 32 bytes"),
                Arguments.of("point off the curve", jwks(with(ecJwk("k", EC), "y", offCurveY)), "not on the P-256 curve"),
                Arguments.of("point (0, 0)", jwks(with(with(ecJwk("k", EC), "x", zero), "y", zero)),
                        "not on the P-256 curve"),
                Arguments.of("x equal to the field prime", jwks(with(ecJwk("k", EC), "x", fieldPrime)),
                        "not on the P-256 curve"),
                Arguments.of("two RSA keys with one kid", jwks(rsaJwk("k", RSA), rsaJwk("k", OTHER_RSA)),
                        "two RSA keys with kid \"k\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDocumentsAndKeysFailWithAClearMessage(String label, String document, String messagePart) {
        InvalidJwksException error = assertThrows(InvalidJwksException.class, () -> JwksKeys.parse(document));

        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }

    @Test
    void aMissingDocumentFails() {
        assertThrows(InvalidJwksException.class, () -> JwksKeys.parse(null));
    }

    @Test
    void theKeyIndexAndKidAreNamedInTheMessage() {
        InvalidJwksException error = assertThrows(InvalidJwksException.class,
                () -> JwksKeys.parse(jwks(ecJwk("good", EC), with(rsaJwk("bad", RSA), "n", null))));

        assertEquals("JWKS key 1 (kid \"bad\") has no n", error.getMessage());
    }
}
