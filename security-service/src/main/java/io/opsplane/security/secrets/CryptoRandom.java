package io.opsplane.security.secrets;

import java.security.SecureRandom;

/** The one source of key bytes and nonces in this package. */
final class CryptoRandom {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoRandom() {
    }

    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
