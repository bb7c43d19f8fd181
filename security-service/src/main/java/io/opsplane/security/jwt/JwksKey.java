package io.opsplane.security.jwt;

import java.security.PublicKey;

/**
 * One signing key from a JWKS.
 *
 * @param kid       its {@code kid}, or null when it has none
 * @param algorithm the one algorithm it verifies
 * @param key       the JDK key
 */
record JwksKey(String kid, JwtAlgorithm algorithm, PublicKey key) {
}
