package io.opsplane.security.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash that chains audit records: lowercase hex SHA-256 over a canonical encoding of the
 * previous record's hash and every content field of the record.
 *
 * <p>The encoding is unambiguous: a version tag, then each field in a fixed order, text fields as
 * a 4-byte big-endian length followed by their UTF-8 bytes, and {@code recordedAt} as 8 big-endian
 * bytes of epoch microseconds. {@code seq} and the record's own {@code hash} are not covered.
 *
 * <p>{@code recordedAt} is truncated to microseconds because PostgreSQL {@code timestamptz} keeps
 * no more: a record read back from the table must hash exactly as it did when it was sealed.
 * {@link AuditChain} also stores the truncated instant, so drivers that round instead of truncate
 * never see sub-microsecond digits.
 */
public final class AuditHashing {

    /** The {@code prevHash} of the first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** Changes whenever the encoding below changes, so old and new hashes can never collide. */
    private static final byte[] VERSION_TAG = "opsplane.audit.v1".getBytes(StandardCharsets.UTF_8);

    private AuditHashing() {
    }

    /** The hash of {@code content} (all fields but {@code seq}, {@code prevHash} and {@code hash}) chained to {@code prevHash}. */
    public static String hash(String prevHash, AuditRecord content) {
        MessageDigest digest = sha256();
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        updateField(digest, number, VERSION_TAG);
        updateText(digest, number, prevHash);
        digest.update(number.clear().putLong(epochMicros(content.recordedAt())).array());
        updateText(digest, number, content.eventId());
        updateText(digest, number, content.subject());
        updateText(digest, number, content.tokenId());
        updateText(digest, number, content.sourceAddress());
        updateText(digest, number, content.service());
        updateText(digest, number, content.permission());
        updateText(digest, number, content.resource());
        updateText(digest, number, content.summary());
        updateText(digest, number, content.outcome());
        updateText(digest, number, content.correlationId());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code instant} as PostgreSQL stores it: truncated to whole microseconds. */
    public static Instant toStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static long epochMicros(Instant instant) {
        // Instant's nano part is never negative, so this truncates towards the past, like truncatedTo.
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static void updateText(MessageDigest digest, ByteBuffer number, String text) {
        updateField(digest, number, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void updateField(MessageDigest digest, ByteBuffer number, byte[] bytes) {
        digest.update(number.clear().putInt(bytes.length).array(), 0, Integer.BYTES);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
