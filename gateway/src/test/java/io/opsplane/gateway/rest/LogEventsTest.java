package io.opsplane.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A job's log chunks as Server-Sent Events, and back: what an EventSource would rebuild from them. */
class LogEventsTest {

    /** Chunks in order (each at the offset after the previous), then the end of the job or not. */
    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("one line, no newline", List.of("hello"), false,
                        "event: log\nid: 5\ndata: hello\n\n"),
                Arguments.of("a trailing newline is an empty last data line", List.of("hello\n"), false,
                        "event: log\nid: 6\ndata: hello\ndata:\n\n"),
                Arguments.of("several lines in one chunk", List.of("a\nb\n\nc"), false,
                        "event: log\nid: 6\ndata: a\ndata: b\ndata:\ndata: c\n\n"),
                Arguments.of("a line over two chunks", List.of("hel", "lo\n"), false,
                        "event: log\nid: 3\ndata: hel\n\nevent: log\nid: 6\ndata: lo\ndata:\n\n"),
                Arguments.of("CR LF ends a line like LF", List.of("a\r\nb\r\n"), false,
                        "event: log\nid: 6\ndata: a\ndata: b\ndata:\n\n"),
                Arguments.of("a lone CR too (progress output)", List.of("10%\r20%\r"), false,
                        "event: log\nid: 8\ndata: 10%\ndata: 20%\ndata:\n\n"),
                Arguments.of("CR LF split between chunks is one line end", List.of("a\r", "\nb"), false,
                        "event: log\nid: 2\ndata: a\ndata:\n\nevent: log\nid: 4\ndata: b\n\n"),
                Arguments.of("an LF alone after that split CR LF is a line of its own", List.of("a\r", "\n", "\nb"), false,
                        "event: log\nid: 2\ndata: a\ndata:\n\nevent: log\nid: 5\ndata:\ndata: b\n\n"),
                Arguments.of("an empty chunk sends nothing", List.of("", "x", ""), false,
                        "event: log\nid: 1\ndata: x\n\n"),
                Arguments.of("leading spaces are kept (one space follows the colon)", List.of("  indented"), false,
                        "event: log\nid: 10\ndata:   indented\n\n"),
                Arguments.of("the end of a finished job", List.of("done\n"), true,
                        "event: log\nid: 5\ndata: done\ndata:\n\nevent: end\nid: 5\ndata: {\"attempt\":1,\"offset\":5}\n\n"),
                Arguments.of("a job that wrote nothing", List.of(), true,
                        "event: end\nid: 0\ndata: {\"attempt\":1,\"offset\":0}\n\n"),
                Arguments.of("an empty last chunk", List.of("x", ""), true,
                        "event: log\nid: 1\ndata: x\n\nevent: end\nid: 1\ndata: {\"attempt\":1,\"offset\":1}\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void chunksBecomeEvents(String name, List<String> chunks, boolean end, String expected) {
        LogEvents events = new LogEvents(0);
        StringBuilder out = new StringBuilder();
        long offset = 0;
        for (String chunk : chunks) {
            byte[] data = chunk.getBytes(StandardCharsets.UTF_8);
            out.append(events.chunk(offset, data));
            offset += data.length;
        }
        if (end) {
            out.append(events.end(1));
        }
        assertEquals(expected, out.toString());
    }

    @ParameterizedTest(name = "split after byte {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8", "9"})
    void aCharacterSplitBetweenChunksIsSentWhole(int split) {
        byte[] log = "é€😀\n".getBytes(StandardCharsets.UTF_8); // 2, 3 and 4 bytes, then LF: 10 bytes
        LogEvents events = new LogEvents(100);
        String out = events.chunk(100, java.util.Arrays.copyOfRange(log, 0, split))
                + events.chunk(100 + split, java.util.Arrays.copyOfRange(log, split, log.length)) + events.end(2);

        assertEquals("é€😀\n", rebuild(out));
        List<String> ids = fields(out, "id: ");
        assertEquals("110", ids.get(ids.size() - 1));
        for (String id : ids) {
            // Every id is a character boundary: a client resuming there misses nothing and repeats nothing.
            int at = Integer.parseInt(id) - 100;
            assertEquals(at, LogEvents.completeLength(java.util.Arrays.copyOf(log, at)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ends in a lead byte, 'ab\u00e9', 1", "ends in a continuation byte of 3, '\u20ac', 1"})
    void aTruncatedCharacterAtTheEndOfTheLogIsReplaced(String name, String text, int cut) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - cut);
        LogEvents events = new LogEvents(0);
        String out = events.chunk(0, truncated) + events.end(1);

        assertEquals(text.substring(0, text.length() - 1) + "\uFFFD", rebuild(out));
        assertEquals(List.of(String.valueOf(truncated.length), String.valueOf(truncated.length)),
                fields(out, "id: ").subList(fields(out, "id: ").size() - 2, fields(out, "id: ").size()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a\\nb\\n", "\\n\\n\\n", "x", "a\\r\\nb", "tab\\there"})
    void anEventSourceRebuildsTheLog(String escaped) {
        String log = escaped.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
        LogEvents events = new LogEvents(0);
        byte[] data = log.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i++) {
            out.append(events.chunk(i, new byte[] {data[i]}));
        }
        assertEquals(log.replace("\r\n", "\n"), rebuild(out + events.end(1)));
    }

    /** What an EventSource gets: the data of the log events, joined. */
    private static String rebuild(String stream) {
        StringBuilder log = new StringBuilder();
        for (String event : stream.split("\n\n")) {
            if (!event.startsWith("event: log\n")) {
                continue;
            }
            List<String> data = new ArrayList<>();
            for (String line : event.split("\n", -1)) {
                if (line.startsWith("data:")) {
                    data.add(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                }
            }
            log.append(String.join("\n", data));
        }
        return log.toString();
    }

    private static List<String> fields(String stream, String prefix) {
        return stream.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }
}
