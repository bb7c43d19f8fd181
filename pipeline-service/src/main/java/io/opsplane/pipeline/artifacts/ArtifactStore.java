package io.opsplane.pipeline.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where artifact archives are kept, by the SHA-256 of their bytes: the same archive stored twice is kept once.
 * Blocking; implementations are a directory ({@link DirectoryArtifactStore}) and could be an S3-compatible
 * bucket (keys {@code <aa>/<sha256>}).
 */
public interface ArtifactStore {

    /** What was stored. */
    record Blob(String sha256, long size) {
    }

    /** The archive is larger than the instance allows. */
    final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("the artifacts archive is larger than this instance's limit of " + limit + " bytes"
                    + " (opsplane.pipeline.artifacts.max-bytes)");
        }
    }

    /** A blob being written; closing it before {@link #commit} keeps nothing. */
    interface PendingBlob extends java.io.Closeable {

        /** Appends bytes; {@link TooLargeException} past the limit given to {@link #begin}. */
        void write(byte[] data, int offset, int length) throws IOException;

        long size();

        /**
         * Makes the blob visible, whole, unless its SHA-256 differs from {@code expectedSha256} (when not null):
         * then nothing is kept and an {@link IOException} says so.
         */
        Blob commit(String expectedSha256) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Starts writing a blob of at most {@code maxBytes}. */
    PendingBlob begin(long maxBytes) throws IOException;

    /**
     * Stores what {@code content} holds, at most {@code maxBytes} (else {@link TooLargeException} and nothing
     * is kept). Atomic: the blob is visible whole or not at all. Idempotent for the same content.
     */
    default Blob put(InputStream content, long maxBytes) throws IOException {
        try (PendingBlob pending = begin(maxBytes)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = content.read(buffer)) >= 0) {
                pending.write(buffer, 0, read);
            }
            return pending.commit(null);
        }
    }

    /** The blob's bytes; empty when it is not stored. */
    Optional<InputStream> open(String sha256) throws IOException;

    boolean exists(String sha256);

    /**
     * Removes the blob unless it was stored (or stored again) after {@code untouchedSince}, so that a blob an
     * upload has just stored, and whose row is about to be written, is kept; nothing happens when it is absent.
     * Returns whether it was removed.
     */
    boolean delete(String sha256, java.time.Instant untouchedSince) throws IOException;

    /**
     * Removes what uploads left behind when their writer died before committing or closing (a crash, a
     * {@code kill -9}): partial blobs last written before {@code untouchedSince}. Returns how many were removed.
     */
    int removeAbandonedUploads(java.time.Instant untouchedSince) throws IOException;

    /** Whether {@code value} is a SHA-256 in the form this store uses (64 lowercase hexadecimal digits). */
    static boolean isSha256(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }
}
