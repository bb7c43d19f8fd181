package io.opsplane.security.secrets;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short tag that shows users a secret's value changed without revealing it:
 * {@code hmac-sha256:} followed by the first 16 hex digits of HMAC-SHA256(fingerprint key, value).
 *
 * <p>A plain hash would be unsafe: secret values are often guessable (short passwords, default credentials,
 * tokens of a known shape), and anyone who sees a SHA-256 of one can test guesses offline, at billions per
 * second, until one matches, confirming the value without ever touching the store. Keyed with a random key held
 * only by this service, the fingerprint cannot be computed for a guess, and truncating it to 64 bits makes it
 * useless as a stand-in for the value.
 *
 * <p>The fingerprint key is a separate random 32-byte {@link DataKey}, generated once, used for nothing else,
 * and stored wrapped like any data key; rotating the master key rewraps it without changing it, so fingerprints
 * stay the same across rotations.
 */
public final class SecretFingerprint {

    public static final String PREFIX = "hmac-sha256:";
    private static final int HEX_DIGITS = 16;

    private SecretFingerprint() {
    }

    /** The fingerprint of {@code value} under {@code fingerprintKey}, e.g. {@code hmac-sha256:3f9a0c2d4b7e8f10}. */
    public static String of(DataKey fingerprintKey, String value) {
        byte[] text = Utf8.encode(value);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey.bytes(), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(text), 0, HEX_DIGITS / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }
}
