package io.opsplane.security.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** UTF-8 bytes of a secret value, refusing text that would not survive the round trip. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The UTF-8 bytes of {@code value}; the caller zeroes them after use. {@link String#getBytes} would turn an
     * unpaired surrogate into '?', so a value would open different from what was sealed: refused instead.
     */
    static byte[] encode(String value) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Sized for the worst case up front so the encoder never grows it and leaves copies behind.
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(value.length(), 3));
        try {
            if (encoder.encode(CharBuffer.wrap(value), out, true).isError() || encoder.flush(out).isError()) {
                throw new IllegalArgumentException(
                        "secret value is not valid Unicode text: it holds an unpaired surrogate");
            }
            return Arrays.copyOf(out.array(), out.position());
        } finally {
            Arrays.fill(out.array(), (byte) 0);
        }
    }
}
