package io.opsplane.deploy.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The end of a process's log, for an error message that shows why it failed to start. */
public final class LogTail {

    private LogTail() {
    }

    /** At most {@code maxBytes} from the end, control characters other than newline and tab shown as '?'. */
    public static String read(Path file, int maxBytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(0, size - maxBytes);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // read until full or the file ended early (it may have been truncated meanwhile)
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return visible(start > 0 ? "…" + text : text).strip();
        } catch (IOException e) {
            return "(the log " + file + " could not be read: " + e.getMessage() + ")";
        }
    }

    private static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean control = Character.getType(c) == Character.CONTROL;
            out.appendCodePoint(control && c != '\n' && c != '\t' ? '?' : c);
        });
        return out.toString();
    }
}
