package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedLogTest {

    private final RecordingSink sink = new RecordingSink();

    @Test
    void passesExactlyTheLimitThenTheMarkerOnce() {
        BoundedLog log = new BoundedLog(sink, 10);

        append(log, "12345678");
        append(log, "90abc");
        append(log, "more");

        assertEquals("1234567890" + new String(BoundedLog.marker(10), StandardCharsets.UTF_8), sink.text());
        assertTrue(log.truncated());
    }

    @Test
    void outputReachingTheLimitExactlyIsNotTruncated() {
        BoundedLog log = new BoundedLog(sink, 4);

        append(log, "1234");

        assertEquals("1234", sink.text());
        assertFalse(log.truncated());
    }

    @Test
    void controlCharactersBecomeCaretNotationAndCountAsWhatIsPassed() {
        BoundedLog log = new BoundedLog(sink, 100);

        log.append(new byte[] {'a', 0, 7, 0x7f, '\t', '\n', '\r', 0x1b, (byte) 0xc3, (byte) 0xa9}, 0, 10);

        assertEquals("a^@^G^?\t\n\r\033é", sink.text());
    }

    @Test
    void splitsWhatItPassesIntoChunksOf64KiB() {
        BoundedLog log = new BoundedLog(sink, 1_000_000);
        byte[] nuls = new byte[BoundedLog.CHUNK_BYTES];

        log.append(nuls, 0, nuls.length);

        assertEquals(2 * BoundedLog.CHUNK_BYTES, sink.bytes().length);
        assertEquals(BoundedLog.CHUNK_BYTES, sink.largestChunk());
    }

    @Test
    void aFailingSinkDoesNotStopTheReading() {
        BoundedLog log = new BoundedLog((chunk, offset, length) -> {
            throw new IllegalStateException("sink down");
        }, 100);

        append(log, "one");
        append(log, "two");
    }

    @Test
    void nothingPassesAfterClose() {
        BoundedLog log = new BoundedLog(sink, 100);
        append(log, "kept");

        log.close();
        append(log, "dropped");

        assertEquals("kept", sink.text());
    }

    private static void append(BoundedLog log, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);
        log.append(padded, 0, bytes.length);
    }
}
