package io.opsplane.observability.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpanTreeTest {

    /**
     * Spans as {@code id<parent@start} separated by spaces (no parent: {@code id@start}); the expected tree as
     * {@code id(child child(grandchild))}, roots separated by spaces.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            one root                      ; a@0                          ; a
            children by start             ; a@0 c<a@5 b<a@2              ; a(b c)
            grandchildren                 ; a@0 b<a@1 c<b@2 d<a@3        ; a(b(c) d)
            orphan becomes a root         ; a@0 b<x@1                    ; a b
            two roots by start            ; b@5 a@1                      ; a b
            duplicate id keeps first      ; a@0 b<a@1 b<a@2              ; a(b)
            self parent is a root         ; a<a@0                        ; a
            cycle cut at earliest         ; a<b@0 b<a@1                  ; a(b)
            cycle of three                ; b<c@1 c<a@2 a<b@0            ; a(c(b))
            arrival order does not matter ; c<b@2 b<a@1 a@0              ; a(b(c))
            """)
    void spansFormTheirTree(String label, String spans, String expected) {
        List<SpanRow> rows = new ArrayList<>();
        for (String span : spans.split(" ")) {
            String[] idAndStart = span.split("@");
            String[] idAndParent = idAndStart[0].split("<");
            rows.add(row(idAndParent[0], idAndParent.length > 1 ? idAndParent[1] : "", Long.parseLong(idAndStart[1])));
        }
        assertEquals(expected, print(SpanTree.of(rows)));
    }

    private static SpanRow row(String id, String parent, long start) {
        return new SpanRow("t", id, parent, "s", "op-" + id, 0, start, 1, 0, "", "{}", 0, "[]");
    }

    private static String print(List<SpanTree.Node> nodes) {
        return String.join(" ", nodes.stream().map(node -> node.span().spanId() + (node.children().isEmpty() ? ""
                : "(" + print(node.children()) + ")")).toList());
    }

    @SuppressWarnings("unused")
    private static List<String> words(String text) {
        return Arrays.asList(text.split(" "));
    }
}
