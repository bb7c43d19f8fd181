package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Keys for tests, and a check that an error carries no key material. */
final class KeyFixtures {

    private KeyFixtures() {
    }

    static MasterKey masterKey() {
        return MasterKey.of(CryptoRandom.bytes(MasterKey.BYTES));
    }

    static String base64(MasterKey key) {
        return Base64.getEncoder().encodeToString(key.bytes());
    }

    static KeyRing ring(MasterKey current, MasterKey... previous) {
        return KeyRing.of(current, List.of(previous));
    }

    /** Fails when {@code error}, its causes or its stack trace text mention {@code secret}. */
    static void assertNotMentioned(Throwable error, String secret) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret), () -> "the error mentions a secret: " + trace);
    }

    /** Fails when {@code error} mentions {@code key} in hex or base64. */
    static void assertNotMentioned(Throwable error, byte[] key) {
        assertNotMentioned(error, HexFormat.of().formatHex(key));
        assertNotMentioned(error, Base64.getEncoder().encodeToString(key));
    }
}
