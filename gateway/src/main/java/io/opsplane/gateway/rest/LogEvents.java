package io.opsplane.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One job log as Server-Sent Events, chunk by chunk: an {@code event: log} per chunk, whose {@code id} is
 * the byte offset after the bytes it carries (what a client sends back as {@code Last-Event-ID} to resume),
 * with one {@code data:} field per line; then, once the job has finished, {@code event: end}.
 *
 * <p>A client rebuilds the log by joining the {@code data} of the log events as they come (an event's
 * {@code data} is its lines joined by {@code \n}, so a chunk's trailing newline is an empty last line).
 * SSE cannot carry a carriage return inside {@code data}: CR LF and a lone CR arrive as {@code \n}. The log is
 * UTF-8; a character split between two chunks is held back and sent whole with the next event, and bytes that
 * are not UTF-8 arrive as U+FFFD. One instance follows one stream, in order.
 */
final class LogEvents {

    /** A comment line: keeps an idle connection (and any proxy in between) open; clients ignore it. */
    static final String KEEP_ALIVE = ": keep-alive\n\n";

    /** The start of a UTF-8 character that the chunk so far ends in the middle of. */
    private byte[] pending = new byte[0];
    /** The previous chunk ended with CR: an LF at the start of the next one ends the same line. */
    private boolean afterCarriageReturn;
    /** The offset after the last byte taken in (sent, or dropped as the LF of a CR LF), held-back ones aside. */
    private long position;

    LogEvents(long offset) {
        this.position = offset;
    }

    /**
     * The event for {@code data} found at {@code offset} of the log; empty when there is nothing to send
     * yet (an empty chunk, or only the start of a character).
     */
    String chunk(long offset, byte[] data) {
        byte[] bytes = concat(pending, data);
        int whole = completeLength(bytes);
        pending = Arrays.copyOfRange(bytes, whole, bytes.length);
        position = offset + data.length - pending.length;
        return event(new String(bytes, 0, whole, StandardCharsets.UTF_8));
    }

    /**
     * The end of a finished job's log: whatever is held back, then {@code event: end}. Its data is
     * {@code {"attempt":N,"offset":N}}, the attempt whose log this was and its length.
     */
    String end(int attempt) {
        StringBuilder out = new StringBuilder();
        if (pending.length > 0) {
            position += pending.length;
            String rest = new String(pending, StandardCharsets.UTF_8);
            pending = new byte[0];
            out.append(event(rest));
        }
        return out.append("event: end\nid: ").append(position).append("\ndata: {\"attempt\":").append(attempt)
                .append(",\"offset\":").append(position).append("}\n\n").toString();
    }

    /** The log event for {@code text}, which ends at {@link #position}. */
    private String event(String text) {
        if (text.isEmpty()) {
            return "";
        }
        if (afterCarriageReturn && text.charAt(0) == '\n') {
            text = text.substring(1);
        }
        afterCarriageReturn = text.endsWith("\r");
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 48).append("event: log\nid: ").append(position)
                .append('\n');
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            out.append(line.isEmpty() ? "data:" : "data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }

    /** How many bytes of {@code bytes} end on a character boundary (those after it start a character). */
    static int completeLength(byte[] bytes) {
        // A UTF-8 character is at most 4 bytes: look back at most 3 for the lead byte of the last one.
        for (int i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte
            }
            int length = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return i + length > bytes.length ? i : bytes.length;
        }
        return bytes.length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
