package io.opsplane.security.secrets;

import java.util.Arrays;
import java.util.UUID;

/**
 * A random 32-byte key that seals secret values and is stored only wrapped under a master key
 * ({@link KeyWrapper}). Close it when done: closing zeroes the key bytes held here (the JDK's ciphers keep
 * their own copies, which this code cannot reach).
 */
public final class DataKey implements AutoCloseable {

    static final int BYTES = AesGcm.KEY_BYTES;

    private final UUID id;
    private final byte[] bytes;
    private volatile boolean closed;

    /** Takes ownership of {@code bytes}: {@link #close()} zeroes them. */
    DataKey(UUID id, byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a data key is exactly " + BYTES + " bytes, not " + bytes.length);
        }
        this.id = id;
        this.bytes = bytes;
    }

    /** A new key: 32 bytes from {@link java.security.SecureRandom} and a random id. */
    public static DataKey generate() {
        return new DataKey(UUID.randomUUID(), CryptoRandom.bytes(BYTES));
    }

    public UUID id() {
        return id;
    }

    /** The key itself, not a copy: for this package's ciphers only. */
    byte[] bytes() {
        if (closed) {
            throw new IllegalStateException("data key " + id + " is closed");
        }
        return bytes;
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "DataKey[" + id + "]";
    }
}
