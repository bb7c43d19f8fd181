package io.opsplane.security.secrets;

import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Loads the master keys from configuration: the current key from the environment (base64 of 32 bytes) or else
 * from an owner-only key file, generated on first start; previous keys as base64 values, kept during a rotation.
 * Every error names where the key came from and what is wrong with it, never the key or any part of it; all are
 * {@link IllegalStateException}s, since the service cannot start without its key.
 */
public final class MasterKeys {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
            EnumSet.of(GROUP_READ, GROUP_WRITE, OTHERS_READ, OTHERS_WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    /** Far above the 45 bytes of a key file; anything larger is not a key file. */
    private static final long MAX_FILE_BYTES = 1024;
    private static final String HOW_TO_GENERATE = "generate one with: head -c32 /dev/urandom | base64";

    private MasterKeys() {
    }

    /**
     * The current master key: {@code envValue} when set (not null or blank); otherwise the content of
     * {@code keyFile}, which must be readable and writable by its owner only; when that file does not exist, a new
     * random key written to it.
     */
    public static MasterKey load(String envValue, Path keyFile) {
        if (envValue != null && !envValue.isBlank()) {
            return decode(envValue, "the master key from the environment");
        }
        Objects.requireNonNull(keyFile, "keyFile");
        try {
            // A dangling link counts as present, so it is reported rather than replaced.
            if (Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
                return read(keyFile);
            }
            return generate(keyFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the master key file " + keyFile + ": " + e, e);
        }
    }

    /** The previous master keys, from base64 values; blank entries are skipped. */
    public static List<MasterKey> previous(List<String> base64Values) {
        List<MasterKey> keys = new ArrayList<>();
        for (int i = 0; i < base64Values.size(); i++) {
            String value = base64Values.get(i);
            if (value != null && !value.isBlank()) {
                keys.add(decode(value, "previous master key " + (i + 1) + " of " + base64Values.size()));
            }
        }
        return List.copyOf(keys);
    }

    /** The ring of {@link #load} as current and {@link #previous} as previous keys. */
    public static KeyRing ring(String envValue, Path keyFile, List<String> previousBase64Values) {
        return KeyRing.of(load(envValue, keyFile), previous(previousBase64Values));
    }

    private static MasterKey read(Path keyFile) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(keyFile, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("master key file " + keyFile + " is on a file system without POSIX "
                    + "permissions, so owner-only access cannot be checked");
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalStateException("master key file " + keyFile + " is not a regular file");
        }
        if (!Collections.disjoint(attributes.permissions(), GROUP_OR_OTHERS)) {
            throw new IllegalStateException("master key file " + keyFile + " has permissions "
                    + PosixFilePermissions.toString(attributes.permissions()) + "; it must be readable and writable "
                    + "by its owner only (chmod 600 " + keyFile + ")");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new IllegalStateException("master key file " + keyFile + " is " + attributes.size()
                    + " bytes; it must hold one base64 master key of " + MasterKey.BYTES + " bytes");
        }
        byte[] text = Files.readAllBytes(keyFile);
        try {
            return decode(text, "master key file " + keyFile);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Writes a new random key to {@code keyFile} and returns it. The key goes to a temporary file in the same
     * folder, created owner-only (never readable by others, even before a chmod), synced, then published in one
     * step. If another process publishes a key file first, its key is the one returned, so instances sharing
     * the folder agree on the key.
     */
    private static MasterKey generate(Path keyFile) throws IOException {
        Path folder = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(folder, OWNER_ONLY_FOLDER);
        byte[] bytes = CryptoRandom.bytes(MasterKey.BYTES);
        byte[] encoded = Base64.getEncoder().encode(bytes);
        byte[] text = Arrays.copyOf(encoded, encoded.length + 1);
        text[encoded.length] = '\n';
        Path temporary = Files.createTempFile(folder, ".master-key-", ".tmp", OWNER_ONLY_FILE);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (!publish(temporary, keyFile)) {
                return read(keyFile);
            }
            syncFolder(folder);
            return MasterKey.of(bytes);
        } finally {
            Files.deleteIfExists(temporary);
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Makes {@code temporary} appear as {@code target} in one step; false when {@code target} appeared meanwhile.
     * A hard link is atomic and never replaces an existing file, where a rename would silently replace a key
     * another instance has already started to use; the rename is kept for file systems without hard links.
     */
    static boolean publish(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** A key file lost in a crash would leave every stored secret unreadable, so its folder entry is synced too. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform can sync a folder; the file's content is already synced.
        }
    }

    private static MasterKey decode(String base64, String source) {
        byte[] text = base64.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return decode(text, source);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static MasterKey decode(byte[] text, String source) {
        byte[] trimmed = trimWhitespace(text);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character, which is part of the key: not passed on.
            throw new IllegalStateException(source + " is not valid base64 (" + HOW_TO_GENERATE + ")");
        } finally {
            Arrays.fill(trimmed, (byte) 0);
        }
        try {
            if (bytes.length != MasterKey.BYTES) {
                throw new IllegalStateException(source + " decodes to " + bytes.length + " bytes; a master key is "
                        + "exactly " + MasterKey.BYTES + " bytes (" + HOW_TO_GENERATE + ")");
            }
            return MasterKey.of(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A copy without leading and trailing ASCII whitespace, such as the newline an editor adds. */
    private static byte[] trimWhitespace(byte[] text) {
        int start = 0;
        int end = text.length;
        while (start < end && isWhitespace(text[start])) {
            start++;
        }
        while (end > start && isWhitespace(text[end - 1])) {
            end--;
        }
        return Arrays.copyOfRange(text, start, end);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
