package io.opsplane.observability.promql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.support.CaseTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query promtool 2.42 was asked about is accepted or refused the same way, with the same message. */
class PromtoolCasesTest {

    static Stream<Arguments> cases() {
        return readCases().stream().map(c -> Arguments.of(c[0], c[1]));
    }

    static List<String[]> readCases() {
        return CaseTable.read(PromtoolCasesTest.class, "promtool-cases.tsv");
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
    void tableCoversAcceptedAndRefusedQueriesInTheHundreds() {
        List<String[]> cases = readCases();
        long accepted = cases.stream().filter(c -> c[1].equals("ok")).count();
        assertTrue(accepted >= 300 && cases.size() - accepted >= 300, accepted + " of " + cases.size());
    }
}
