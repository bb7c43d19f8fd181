package io.opsplane.security.secrets;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A data key as stored: AES-256-GCM of its 32 bytes under the master key {@code masterKeyId}, with the
 * ciphertext ending in the 16-byte tag. Made and opened by {@link KeyWrapper}.
 */
public record WrappedDataKey(UUID id, String masterKeyId, byte[] nonce, byte[] ciphertext) {

    static final int CIPHERTEXT_BYTES = DataKey.BYTES + AesGcm.TAG_BYTES;

    /** Checks the shape and keeps copies of the arrays. */
    public WrappedDataKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(masterKeyId, "masterKeyId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (!MasterKey.KEY_ID.matcher(masterKeyId).matches()) {
            throw new IllegalArgumentException("masterKeyId must be 16 lowercase hex digits");
        }
        if (nonce.length != AesGcm.NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + AesGcm.NONCE_BYTES + " bytes, not " + nonce.length);
        }
        if (ciphertext.length != CIPHERTEXT_BYTES) {
            throw new IllegalArgumentException("ciphertext of a wrapped data key must be " + CIPHERTEXT_BYTES
                    + " bytes, not " + ciphertext.length);
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

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedDataKey that
                && id.equals(that.id)
                && masterKeyId.equals(that.masterKeyId)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, masterKeyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "WrappedDataKey[id=" + id + ", masterKeyId=" + masterKeyId + "]";
    }
}
