package io.opsplane.security.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a newly created directory entry durable, so a file that was fsync'd is also found after a crash. */
final class FileSync {

    private FileSync() {
    }

    /** fsync of {@code dir}; skipped where the platform cannot open a directory for it. */
    static void directory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform allows it; the file's own content is already on disk.
        }
    }
}
