package io.opsplane.security.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the audit ledger's record {@code seq} had {@code hash} at
 * {@code createdAt}. Kept outside the database (see {@link CheckpointLog}), it is what makes
 * truncating the ledger, or truncating it and appending new records, detectable.
 *
 * <p>{@code keyId} names the key that signed it; {@code signature} is the lowercase hex HMAC made
 * by {@link CheckpointSigner}.
 */
public record Checkpoint(long seq, String hash, Instant createdAt, String keyId, String signature) {

    static final int KEY_ID_LENGTH = 16;
    static final int SIGNATURE_LENGTH = 64;

    public Checkpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("checkpoint seq must be 1 or more: " + seq);
        }
        if (!LowerHex.is(hash, 64)) {
            throw new IllegalArgumentException("checkpoint hash must be 64 lowercase hex digits");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        if (!LowerHex.is(keyId, KEY_ID_LENGTH)) {
            throw new IllegalArgumentException("checkpoint keyId must be 16 lowercase hex digits");
        }
        if (!LowerHex.is(signature, SIGNATURE_LENGTH)) {
            throw new IllegalArgumentException("checkpoint signature must be 64 lowercase hex digits");
        }
    }
}
