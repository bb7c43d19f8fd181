package io.opsplane.observability.promql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query promtool 2.42 was asked about is accepted or refused the same way, with the same message. */
class PromtoolCasesTest {

    static Stream<Arguments> cases() throws IOException {
        return readCases().stream().map(c -> Arguments.of(c[0], c[1]));
    }

    static List<String[]> readCases() throws IOException {
        try (InputStream in = PromtoolCasesTest.class.getResourceAsStream("promtool-cases.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> {
                        int tab = line.indexOf('\t');
                        return new String[] {unescape(line.substring(0, tab)), line.substring(tab + 1)};
                    })
                    .toList();
        }
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            out.append(switch (e) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> e;
            });
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void agreesWithPromtool(String query, String promtoolSays) {
        if (promtoolSays.equals("ok")) {
            assertDoesNotThrow(() -> PromQL.parse(query));
        } else {
            PromqlException refused = assertThrows(PromqlException.class, () -> PromQL.parse(query));
            assertEquals(promtoolSays, refused.getMessage());
        }
    }

    @Test
    void tableCoversAcceptedAndRefusedQueriesInTheHundreds() throws IOException {
        List<String[]> cases = readCases();
        long accepted = cases.stream().filter(c -> c[1].equals("ok")).count();
        assertTrue(accepted >= 300 && cases.size() - accepted >= 300, accepted + " of " + cases.size());
    }
}
