package io.opsplane.security.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;

/**
 * Turns one JWK object into a signing key. Keys that are well-formed but not for us (another use,
 * another algorithm or curve, an unknown type, a weak RSA modulus) are refused with a note and
 * skipped; keys that are broken (missing or undecodable members, a point off the curve, private
 * material) make the whole set invalid.
 */
final class JwkReader {

    static final int MIN_RSA_BITS = 2048;

    private final String name;
    private final Map<String, Object> jwk;

    private JwkReader(int index, Map<String, Object> jwk) {
        this.jwk = jwk;
        Object kid = jwk.get("kid");
        this.name = "key " + index + (kid instanceof String text ? " (kid " + LogText.quote(text) + ")" : "");
    }

    /** What became of one key: a usable key, or the note saying why it was skipped. */
    record Outcome(JwksKey key, String refusal) {

        static Outcome accepted(JwksKey key) {
            return new Outcome(key, null);
        }

        static Outcome refused(String refusal) {
            return new Outcome(null, refusal);
        }
    }

    static Outcome read(int index, Map<String, Object> jwk) {
        return new JwkReader(index, jwk).read();
    }

    private Outcome read() {
        String kty = requiredString("kty");
        String kid = optionalString("kid");
        String use = optionalString("use");
        String alg = optionalString("alg");
        if (jwk.containsKey("d")) {
            throw malformed("contains private key material (d)");
        }
        if (use != null && !use.equals("sig")) {
            return Outcome.refused(name + ": use " + LogText.quote(use) + " is not sig");
        }
        JwtAlgorithm algorithm;
        switch (kty) {
            case "RSA" -> algorithm = JwtAlgorithm.RS256;
            case "EC" -> algorithm = JwtAlgorithm.ES256;
            default -> {
                return Outcome.refused(name + ": kty " + LogText.quote(kty) + " is not supported");
            }
        }
        if (alg != null && !alg.equals(algorithm.name())) {
            return Outcome.refused(name + ": alg " + LogText.quote(alg) + " does not fit kty " + kty
                    + " (only " + algorithm + " is accepted)");
        }
        return algorithm == JwtAlgorithm.RS256 ? readRsa(kid) : readEc(kid);
    }

    private Outcome readRsa(String kid) {
        BigInteger modulus = new BigInteger(1, requiredBytes("n"));
        BigInteger exponent = new BigInteger(1, requiredBytes("e"));
        if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
            throw malformed("RSA exponent e must be odd and at least 3");
        }
        if (modulus.bitLength() < MIN_RSA_BITS) {
            return Outcome.refused(name + ": RSA modulus of " + modulus.bitLength() + " bits is below "
                    + MIN_RSA_BITS);
        }
        return Outcome.accepted(new JwksKey(kid, JwtAlgorithm.RS256,
                publicKey("RSA", new RSAPublicKeySpec(modulus, exponent))));
    }

    private Outcome readEc(String kid) {
        String crv = requiredString("crv");
        if (!crv.equals("P-256")) {
            return Outcome.refused(name + ": curve " + LogText.quote(crv) + " is not supported (only P-256)");
        }
        BigInteger x = new BigInteger(1, coordinate("x"));
        BigInteger y = new BigInteger(1, coordinate("y"));
        if (!P256.isOnCurve(x, y)) {
            throw malformed("point (x, y) is not on the P-256 curve");
        }
        return Outcome.accepted(new JwksKey(kid, JwtAlgorithm.ES256,
                publicKey("EC", new ECPublicKeySpec(new ECPoint(x, y), P256.PARAMS))));
    }

    private byte[] coordinate(String member) {
        byte[] bytes = requiredBytes(member);
        if (bytes.length != P256.FIELD_BYTES) {
            throw malformed("P-256 coordinate " + member + " must be " + P256.FIELD_BYTES + " bytes, not "
                    + bytes.length);
        }
        return bytes;
    }

    private PublicKey publicKey(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw malformed("the JDK refuses the key: " + e.getMessage());
        }
    }

    private byte[] requiredBytes(String member) {
        String text = requiredString(member);
        byte[] bytes;
        try {
            bytes = Base64Url.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(member + " is not base64url (" + e.getMessage() + ")");
        }
        if (bytes.length == 0) {
            throw malformed(member + " is empty");
        }
        return bytes;
    }

    private String requiredString(String member) {
        String value = optionalString(member);
        if (value == null) {
            throw malformed("has no " + member);
        }
        return value;
    }

    private String optionalString(String member) {
        Object value = jwk.get(member);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw malformed(member + " is not a string");
    }

    private InvalidJwksException malformed(String problem) {
        return new InvalidJwksException("JWKS " + name + " " + problem);
    }
}
