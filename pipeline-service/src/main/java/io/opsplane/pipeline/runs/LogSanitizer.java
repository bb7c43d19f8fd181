package io.opsplane.pipeline.runs;

/**
 * Makes log bytes harmless for terminals and browsers without changing their length (offsets stay valid):
 * NUL and the other control characters become '?', except tab, line feed, carriage return and ESC (colours).
 */
public final class LogSanitizer {

    private LogSanitizer() {
    }

    public static byte[] sanitize(byte[] data, int offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            byte b = data[offset + i];
            out[i] = isHarmful(b) ? (byte) '?' : b;
        }
        return out;
    }

    private static boolean isHarmful(byte b) {
        return (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x1B) || b == 0x7F;
    }
}
