package io.opsplane.security.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key pairs generated once per test run, and their JWKS form. */
final class TestKeys {

    static final KeyPair RSA = rsa(2048);
    static final KeyPair EC = ec();

    private TestKeys() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK of an RSA public key, with {@code kid} when it is not null. */
    static Map<String, Object> rsaJwk(String kid, KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        if (kid != null) {
            jwk.put("kid", kid);
        }
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(key.getModulus(), 0));
        jwk.put("e", unsigned(key.getPublicExponent(), 0));
        return jwk;
    }

    /** The JWK of a P-256 public key, with {@code kid} when it is not null. */
    static Map<String, Object> ecJwk(String kid, KeyPair pair) {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        if (kid != null) {
            jwk.put("kid", kid);
        }
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        jwk.put("crv", "P-256");
        jwk.put("x", unsigned(key.getW().getAffineX(), 32));
        jwk.put("y", unsigned(key.getW().getAffineY(), 32));
        return jwk;
    }

    /** A JWK with one member changed, or removed when {@code value} is null. */
    static Map<String, Object> with(Map<String, Object> jwk, String member, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(jwk);
        if (value == null) {
            changed.remove(member);
        } else {
            changed.put(member, value);
        }
        return changed;
    }

    @SafeVarargs
    static String jwks(Map<String, Object>... keys) {
        List<Object> list = new ArrayList<>();
        for (Map<String, Object> key : keys) {
            list.add(key);
        }
        return TestJson.write(Map.of("keys", list));
    }

    /** Base64url of a non-negative number, big-endian, padded with zeros to {@code length} bytes when above 0. */
    static String unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64Url.encode(bytes);
    }
}
