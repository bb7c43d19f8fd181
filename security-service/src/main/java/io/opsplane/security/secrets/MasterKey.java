package io.opsplane.security.secrets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key that wraps data keys: 32 bytes, named by {@link #keyId()} so that a wrapped key records which master
 * key opens it. The id is derived from the key itself, the first 16 hex digits of its SHA-256, so every instance
 * given the same key agrees on the id without a registry; 64 bits of a hash reveal nothing useful about a 256-bit
 * random key. Loaded by {@link MasterKeys}.
 */
public final class MasterKey {

    static final int BYTES = AesGcm.KEY_BYTES;
    static final Pattern KEY_ID = Pattern.compile("^[0-9a-f]{16}$");

    private final byte[] bytes;
    private final String keyId;

    private MasterKey(byte[] bytes) {
        this.bytes = bytes;
        this.keyId = keyIdOf(bytes);
    }

    /** A master key holding a copy of {@code bytes}. */
    static MasterKey of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a master key is exactly " + BYTES + " bytes, not " + bytes.length);
        }
        return new MasterKey(bytes.clone());
    }

    public String keyId() {
        return keyId;
    }

    /** The key itself, not a copy: for this package's ciphers only. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "MasterKey[" + keyId + "]";
    }

    private static String keyIdOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
