package io.opsplane.runner.executor;

/**
 * The one place deciding how control characters in a job's output reach the log: tab, newline, carriage
 * return and ESC (colours, progress bars) stay; the other C0 characters and DEL become caret notation
 * (NUL as {@code ^@}, DEL as {@code ^?}) so a log viewer never receives them raw. Works byte by byte,
 * which is safe for UTF-8: these bytes never occur inside a multi-byte character. C1 controls are left
 * alone because they are two bytes in UTF-8 and may be split across reads.
 */
final class ControlCharacters {

    private static final byte ESC = 0x1b;
    private static final byte DEL = 0x7f;

    private ControlCharacters() {
    }

    static boolean kept(byte b) {
        return (b & 0xff) >= 0x20 && b != DEL || b == '\t' || b == '\n' || b == '\r' || b == ESC;
    }

    /** The character after the caret for a byte {@link #kept} refuses. */
    static byte caretOf(byte b) {
        return b == DEL ? (byte) '?' : (byte) (b + '@');
    }
}
