package io.opsplane.observability.alerting.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonWriterTest {

    /** Each row: the value with Java escapes written as \\uXXXX, then what Go's encoder writes inside the quotes. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            plain            ; plain
            a"b              ; a\\"b
            a\\\\b           ; a\\\\b
            <b>&x           ; \\u003cb\\u003e\\u0026x
            \\u2028\\u2029   ; \\u2028\\u2029
            \\u0001\\u001f   ; \\u0001\\u001f
            \\u0008\\u000c   ; \\u0008\\u000c
            \\n\\r\\t        ; \\n\\r\\t
            é😀             ; é😀
            x\\ud800y        ; x\uFFFDy
            /path            ; /path
            """)
    void escapesStringsAsGo(String value, String written) {
        String decoded = unescape(value);
        assertEquals("\"" + written + "\"\n", new GoJsonWriter().value(decoded).finish());
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void writesNestedContainersWithCommasAndSortedMaps() {
        String json = new GoJsonWriter().beginObject()
                .name("a").beginArray().value(1).value("x").beginObject().endObject().endArray()
                .name("m").value(Map.of("z", "1", "a", "2"))
                .name("e").value(Map.of())
                .endObject().finish();
        assertEquals("{\"a\":[1,\"x\",{}],\"m\":{\"a\":\"2\",\"z\":\"1\"},\"e\":{}}\n", json);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            2026-06-01T00:00:00Z,           2026-06-01T00:00:00Z
            2026-06-01T00:00:00.500Z,       2026-06-01T00:00:00.5Z
            2026-06-01T00:00:00.123456789Z, 2026-06-01T00:00:00.123456789Z
            2026-06-01T00:00:00.000001Z,    2026-06-01T00:00:00.000001Z
            """)
    void writesTimesAsGosRfc3339Nano(String instant, String written) {
        assertEquals(written, GoTime.format(Instant.parse(instant)));
        assertEquals(GoTime.ZERO, GoTime.formatOrZero(Optional.empty()));
    }
}
