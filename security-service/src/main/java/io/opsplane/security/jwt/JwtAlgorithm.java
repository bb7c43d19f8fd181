package io.opsplane.security.jwt;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** The JWS algorithms accepted, each tied to the one key type it may be used with. */
enum JwtAlgorithm {
    RS256("RSA", "SHA256withRSA"),
    ES256("EC", "SHA256withECDSA");

    private final String keyType;
    private final String jdkSignature;

    JwtAlgorithm(String keyType, String jdkSignature) {
        this.keyType = keyType;
        this.jdkSignature = jdkSignature;
    }

    /** The algorithm named exactly {@code name} (case matters: JWS names are case-sensitive). */
    static Optional<JwtAlgorithm> named(String name) {
        for (JwtAlgorithm algorithm : values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The JWK {@code kty} of keys for this algorithm. */
    String keyType() {
        return keyType;
    }

    String jdkSignature() {
        return jdkSignature;
    }

    boolean fits(PublicKey key) {
        if (this == RS256) {
            return key instanceof RSAPublicKey;
        }
        return key instanceof ECPublicKey ec && P256.isCurveOf(ec.getParams());
    }
}
