package io.opsplane.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a log file that a child process appends to near a size limit, the way logrotate's
 * {@code copytruncate} does: the file is copied to {@code <name>.1} and truncated in place. The
 * child writes to the file directly (opened with O_APPEND), not through a pipe to this JVM, so it
 * keeps running when the JVM that started it goes away; O_APPEND makes its next write land at the
 * new end. The limit is checked from outside, so the file can pass it by what the child writes
 * between two checks, and a line written between copy and truncation is lost.
 */
public final class LogRotation {

    private final Path file;
    private final long maxBytes;

    public LogRotation(Path file, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.file = file;
        this.maxBytes = maxBytes;
    }

    public Path file() {
        return file;
    }

    public Path previous() {
        return file.resolveSibling(file.getFileName() + ".1");
    }

    /** @return true when the file was over the limit and has been rotated */
    public boolean rotateIfOver() {
        try {
            if (Files.size(file) <= maxBytes) {
                return false;
            }
            Files.copy(file, previous(), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("rotating " + file + " failed", e);
        }
    }
}
