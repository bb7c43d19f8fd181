package io.opsplane.security.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A checkpoint as one line of text, {@code seq hash createdAt keyId signature} separated by single
 * spaces, createdAt in ISO-8601 UTC ({@code 2025-01-02T03:04:05.123456Z}). The same text is a
 * line of {@link CheckpointLog} and the payload of a published checkpoint event, so a copy held by
 * a consumer can be compared with the log byte for byte.
 */
public final class CheckpointCodec {

    /** Longer input is refused before it is split; a real checkpoint is about 190 characters. */
    static final int MAX_LENGTH = 512;

    private CheckpointCodec() {
    }

    public static String encode(Checkpoint checkpoint) {
        return checkpoint.seq() + " " + checkpoint.hash() + " " + checkpoint.createdAt() + " " + checkpoint.keyId()
                + " " + checkpoint.signature();
    }

    /** The checkpoint in {@code text}; an {@link IllegalArgumentException} naming the faulty part otherwise. */
    public static Checkpoint decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a checkpoint is at most " + MAX_LENGTH + " characters, not " + text.length());
        }
        String[] parts = text.split(" ", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("a checkpoint has 5 space-separated parts (seq hash createdAt keyId "
                    + "signature), not " + parts.length);
        }
        Checkpoint checkpoint = new Checkpoint(parseSeq(parts[0]), parts[1], parseInstant(parts[2]), parts[3], parts[4]);
        // One checkpoint has one spelling (no leading zeros, no offsets other than Z), so copies compare as text.
        if (!encode(checkpoint).equals(text)) {
            throw new IllegalArgumentException("a checkpoint is not in canonical form (expected " + encode(checkpoint) + ")");
        }
        return checkpoint;
    }

    private static long parseSeq(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("checkpoint seq is not a decimal number");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint seq is out of range");
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint createdAt is not an ISO-8601 instant such as "
                    + "2025-01-02T03:04:05.123456Z");
        }
    }
}
