package io.opsplane.security.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The 32-byte secret that signs audit checkpoints. It lives outside the database (a value from
 * configuration, or a key file only its owner can read), so whoever can rewrite the ledger's
 * table cannot also forge the checkpoints that vouch for it.
 *
 * <p>{@link #keyId()} is the first 16 hex digits of the key's SHA-256: it names the key in each
 * checkpoint without revealing it. Messages and {@link #toString()} never contain the key.
 */
public final class CheckpointKey {

    static final int LENGTH = 32;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String keyId;

    private CheckpointKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("the audit checkpoint key must be " + LENGTH + " bytes, not "
                    + key.length + " (generate one with: head -c32 /dev/urandom | base64)");
        }
        this.key = key.clone();
        this.keyId = HexFormat.of().formatHex(sha256(key)).substring(0, Checkpoint.KEY_ID_LENGTH);
    }

    /** The key given as standard base64 (surrounding whitespace ignored), for example from configuration. */
    public static CheckpointKey fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("the audit checkpoint key is empty");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The cause would quote the offending input, which is the secret.
            throw new IllegalArgumentException("the audit checkpoint key is not valid base64");
        }
        return new CheckpointKey(decoded);
    }

    /** The key in {@code file}, which must exist and be readable and writable by its owner only. */
    public static CheckpointKey load(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
                throw new IllegalStateException("the audit checkpoint key file " + file + " has permissions "
                        + PosixFilePermissions.toString(permissions)
                        + "; it must be accessible by its owner only (chmod 600 " + file + ")");
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the audit checkpoint key file " + file + " does not exist", e);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("cannot check the permissions of the audit checkpoint key file " + file
                    + ": its file system has no POSIX permissions", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the audit checkpoint key file " + file + " is unusable: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint key file " + file, e);
        }
    }

    /**
     * The key in {@code file}; when the file is missing, a new random key written to it first. The
     * new file is readable and writable by its owner only from the moment it appears, and appears
     * with its whole content: it is written under a temporary name and then linked into place,
     * which fails if another process created the file meanwhile (that process's key is then used).
     */
    public static CheckpointKey loadOrCreate(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            createRandom(file);
        }
        return load(file);
    }

    private static void createRandom(Path file) {
        byte[] fresh = new byte[LENGTH];
        RANDOM.nextBytes(fresh);
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".audit-key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap((Base64.getEncoder().encodeToString(fresh) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
                FileSync.directory(dir);
            } catch (FileAlreadyExistsException lostTheRace) {
                // Another process created the key first; load() reads that one.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit checkpoint key file " + file, e);
        } finally {
            Arrays.fill(fresh, (byte) 0);
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover temporary file holds a key nobody uses; it is owner-only like the key file.
                }
            }
        }
    }

    /** First 16 hex digits of the key's SHA-256. */
    public String keyId() {
        return keyId;
    }

    /** A copy of the key bytes, for the signer. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "CheckpointKey[keyId=" + keyId + "]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
