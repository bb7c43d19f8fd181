package io.opsplane.pipeline.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Blobs as files {@code <root>/<aa>/<sha256>} ({@code aa}: the first two digits). A put writes to a temporary
 * file under {@code <root>/tmp}, then moves it in place atomically; a blob already there is kept (and its
 * modification time renewed, which protects it from a concurrent sweep).
 */
public final class DirectoryArtifactStore implements ArtifactStore {

    private final Path root;

    public DirectoryArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public PendingBlob begin(long maxBytes) throws IOException {
        Path tmp = root.resolve("tmp");
        Files.createDirectories(tmp);
        Path partial = Files.createTempFile(tmp, "upload-", ".part");
        try {
            return new PendingFile(partial, Files.newOutputStream(partial), maxBytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    private final class PendingFile implements PendingBlob {
        private final Path partial;
        private final OutputStream out;
        private final long maxBytes;
        private final MessageDigest digest = sha256();
        private long size;
        private boolean closed;

        PendingFile(Path partial, OutputStream out, long maxBytes) {
            this.partial = partial;
            this.out = out;
            this.maxBytes = maxBytes;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            if (size + length > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            out.write(data, offset, length);
            digest.update(data, offset, length);
            size += length;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Blob commit(String expectedSha256) throws IOException {
            out.close();
            String sha = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equals(sha)) {
                throw new IOException("the archive's SHA-256 is " + sha + ", not " + expectedSha256
                        + " as announced: it was damaged on the way");
            }
            Path target = path(sha);
            Files.createDirectories(target.getParent());
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the artifacts directory must let files be renamed atomically", e);
            } catch (FileAlreadyExistsException e) {
                touch(target);
            }
            // On POSIX a rename replaces an existing file (same content): either way the blob is there, whole.
            return new Blob(sha, size);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
            Files.deleteIfExists(partial);
        }
    }

    private static void touch(Path target) throws IOException {
        try {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        } catch (NoSuchFileException e) {
            // Swept meanwhile: the next upload stores it again.
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    @Override
    public boolean delete(String sha256, Instant untouchedSince) throws IOException {
        Path path = path(sha256);
        try {
            if (Files.getLastModifiedTime(path).toInstant().isAfter(untouchedSince)) {
                return false;
            }
            return Files.deleteIfExists(path);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public int removeAbandonedUploads(Instant untouchedSince) throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> partials = Files.list(tmp)) {
            for (Path partial : partials.filter(path -> path.getFileName().toString().endsWith(".part")).toList()) {
                try {
                    if (Files.getLastModifiedTime(partial).toInstant().isBefore(untouchedSince)
                            && Files.deleteIfExists(partial)) {
                        removed++;
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // Committed or closed by its writer meanwhile.
                }
            }
        }
        return removed;
    }

    Path path(String sha256) {
        if (!ArtifactStore.isSha256(sha256)) {
            throw new IllegalArgumentException("not a SHA-256: '" + sha256 + "'");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
