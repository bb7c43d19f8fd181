package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterTemplateTest {

    private static final Map<String, String> LABELS = Map.of("application", "shop", "environment", "production");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                                               | plain                 | ''
            {{ .labels.application }}                           | shop                  | application
            {{.labels.application}}                             | shop                  | application
            {{ .labels.application }}/{{ .labels.environment }} | shop/production       | application environment
            x-{{ .labels.missing }}-y                           | x--y                  | missing
            {{ .labels.application }}{{ .labels.application }}  | shopshop              | application
            """)
    void fillsPlaceholdersFromLabels(String text, String rendered, String labels) {
        ParameterTemplate template = ParameterTemplate.parse(text);
        assertEquals(rendered, template.render(LABELS));
        assertEquals(labels.isEmpty() ? List.of() : List.of(labels.split(" ")), List.copyOf(template.labels()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ .Values.x }}", "{{ .labels.application | upper }}", "{{ .labels. }}", "{{ env }}",
            "a }} b", "{{ .labels.a", "{{ {{ .labels.a }} }}"})
    void refusesAnythingButLabelReferences(String text) {
        assertThrows(IllegalArgumentException.class, () -> ParameterTemplate.parse(text));
    }
}
