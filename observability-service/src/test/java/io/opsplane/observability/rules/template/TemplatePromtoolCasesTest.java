package io.opsplane.observability.rules.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.observability.support.CaseTable;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Templates promtool 2.42 parsed and expanded once: the same refusals, the same texts. */
class TemplatePromtoolCasesTest {

    private static final TemplateData DATA = new TemplateData(
            Map.of("__name__", "up", "instance", "host:9100", "job", "node"), Map.of("cluster", "eu1"),
            "http://prom.example:9090", 0.5);

    static Stream<Arguments> cases() {
        return CaseTable.read(TemplatePromtoolCasesTest.class, "template-promtool-cases.tsv").stream()
                .map(c -> Arguments.of(c[0], c[1], c[2]));
    }

    @ParameterizedTest(name = "{0} → {1} / {2}")
    @MethodSource("cases")
    void parsesAndExpandsAsPromtool(String template, String parse, String expansion) {
        if (!parse.equals("ok")) {
            assertEquals(parse, assertThrows(TemplateException.class, () -> AlertTemplate.parse("A", template)).getMessage());
            return;
        }
        assertEquals(expansion, AlertTemplate.parse("A", template).expandOrDescribeError(DATA));
    }
}
