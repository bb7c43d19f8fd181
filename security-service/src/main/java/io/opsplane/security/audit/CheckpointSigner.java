package io.opsplane.security.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link Checkpoint}s with HMAC-SHA256 under one {@link CheckpointKey}.
 *
 * <p>The signed text is {@code opsplane.audit.checkpoint.v1|seq|hash|createdAt|keyId}, createdAt
 * in epoch microseconds. Every part has a fixed alphabet without {@code |}, so the text is
 * unambiguous. A checkpoint made under another key does not verify: its keyId differs, and so
 * would its HMAC.
 */
public final class CheckpointSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION_TAG = "opsplane.audit.checkpoint.v1";

    private final SecretKeySpec key;
    private final String keyId;

    public CheckpointSigner(CheckpointKey key) {
        this.key = new SecretKeySpec(key.bytes(), ALGORITHM);
        this.keyId = key.keyId();
    }

    /** A checkpoint for record {@code seq} with {@code hash}, createdAt truncated to microseconds. */
    public Checkpoint sign(long seq, String hash, Instant createdAt) {
        Instant stored = AuditHashing.toStoredPrecision(createdAt);
        // Built unsigned first so that seq and hash are validated before anything is signed.
        Checkpoint unsigned = new Checkpoint(seq, hash, stored, keyId, "0".repeat(Checkpoint.SIGNATURE_LENGTH));
        return new Checkpoint(seq, hash, stored, keyId, HexFormat.of().formatHex(mac(unsigned)));
    }

    /** True when {@code checkpoint} was signed with this signer's key and is unchanged since. */
    public boolean verify(Checkpoint checkpoint) {
        byte[] expected = mac(checkpoint);
        byte[] given = HexFormat.of().parseHex(checkpoint.signature());
        // Both are compared in full whatever differs first, and the keyId check is part of the same answer.
        boolean sameMac = MessageDigest.isEqual(expected, given);
        return sameMac & keyId.equals(checkpoint.keyId());
    }

    /** Id of the key this signer uses. */
    public String keyId() {
        return keyId;
    }

    static String signedText(Checkpoint checkpoint) {
        return VERSION_TAG + "|" + checkpoint.seq() + "|" + checkpoint.hash() + "|"
                + AuditHashing.epochMicros(checkpoint.createdAt()) + "|" + checkpoint.keyId();
    }

    private byte[] mac(Checkpoint checkpoint) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signedText(checkpoint).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }
}
