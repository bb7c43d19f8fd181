package io.opsplane.security.secrets;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A secret value as stored: AES-256-GCM ciphertext (ending in the 16-byte tag) under data key
 * {@code dataKeyId}, with its nonce. Made and opened by {@link SecretCipher}.
 *
 * <p>{@link #toBytes()} packs it for one database column: a format byte (1), the data key id (16 bytes), the
 * nonce (12 bytes), then the ciphertext; {@link #toBase64()} is the same in base64 for a text column.
 */
public record SealedValue(UUID dataKeyId, byte[] nonce, byte[] ciphertext) {

    static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 1 + 16 + AesGcm.NONCE_BYTES;

    /** Checks the shape and keeps copies of the arrays. */
    public SealedValue {
        Objects.requireNonNull(dataKeyId, "dataKeyId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (nonce.length != AesGcm.NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + AesGcm.NONCE_BYTES + " bytes, not " + nonce.length);
        }
        if (ciphertext.length < AesGcm.TAG_BYTES) {
            throw new IllegalArgumentException("ciphertext must hold at least the " + AesGcm.TAG_BYTES
                    + "-byte tag, not " + ciphertext.length + " bytes");
        }
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(HEADER_BYTES + ciphertext.length)
                .put(FORMAT)
                .putLong(dataKeyId.getMostSignificantBits())
                .putLong(dataKeyId.getLeastSignificantBits())
                .put(nonce)
                .put(ciphertext)
                .array();
    }

    /**
     * The value packed by {@link #toBytes()}.
     *
     * @throws SecretCryptoException when the bytes are too short or of an unknown format
     */
    public static SealedValue fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES + AesGcm.TAG_BYTES) {
            throw new SecretCryptoException("a sealed value is at least " + (HEADER_BYTES + AesGcm.TAG_BYTES)
                    + " bytes, not " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new SecretCryptoException("unknown sealed value format " + format);
        }
        UUID dataKeyId = new UUID(buffer.getLong(), buffer.getLong());
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        return new SealedValue(dataKeyId, nonce, ciphertext);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(toBytes());
    }

    /**
     * The value encoded by {@link #toBase64()}.
     *
     * @throws SecretCryptoException when the text is not base64 or not a sealed value
     */
    public static SealedValue fromBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SecretCryptoException("a sealed value is not valid base64", e);
        }
        return fromBytes(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedValue that
                && dataKeyId.equals(that.dataKeyId)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataKeyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "SealedValue[dataKeyId=" + dataKeyId + ", " + ciphertext.length + " bytes]";
    }
}
