package io.opsplane.observability.rules.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Number formatting, Prometheus's functions and the limits of alert templates. */
class AlertTemplateTest {

    private static String expand(String template, double value) {
        return AlertTemplate.parse("A", template)
                .expand(new TemplateData(Map.of("job", "api"), Map.of(), "", value));
    }

    @ParameterizedTest(name = "$value {0} prints {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            0.5 => 0.5
            1e6 => 1e+06
            123456 => 123456
            1234567 => 1.234567e+06
            0.0001 => 0.0001
            0.00001 => 1e-05
            100 => 100
            1e21 => 1e+21
            2e23 => 2e+23
            0.30000000000000004 => 0.30000000000000004
            -0.0 => -0
            NaN => NaN
            Infinity => +Inf
            -Infinity => -Inf
            5e-324 => 5e-324
            1.7976931348623157e308 => 1.7976931348623157e+308
            """)
    void printsValuesAsGoPrintsFloat64(double value, String printed) {
        assertEquals(printed, expand("{{ $value }}", value));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            humanize => 1234567 => 1.235M
            humanize => 0.000001 => 1u
            humanize => 1e27 => 1000Y
            humanize => -0.5 => -500m
            humanize1024 => 1073741824 => 1Gi
            humanize1024 => -2048 => -2ki
            humanizeDuration => 86400 => 1d 0h 0m 0s
            humanizeDuration => 0.5 => 500ms
            humanizeDuration => 1.5e-7 => 150ns
            humanizePercentage => 0.98765 => 98.77%
            humanizeTimestamp => 1700000000.123 => 2023-11-14 22:13:20.122999808 +0000 UTC
            humanizeTimestamp => -1 => 1969-12-31 23:59:59 +0000 UTC
            """)
    void humanizesAsPrometheus(String function, double value, String text) {
        assertEquals(text, expand("{{ " + function + " $value }}", value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            {{ query "up" }} => query
            {{ with query "up" }}{{ . | first | value }}{{ end }} => query
            {{ safeHtml "x" }} => safeHtml
            {{ "x" | html }} => html
            {{ if 1 }}{{ toTime 1 }}{{ end }} => toTime
            {{ range $labels }}{{ parseDuration "1m" }}{{ end }} => parseDuration
            {{ define "x" }}{{ query "up" }}{{ end }} => query
            {{ template "x" (query "up") }} => query
            """)
    void refusesPrometheusFunctionsItDoesNotRunWhenLoading(String template, String function) {
        TemplateException refused = assertThrows(TemplateException.class, () -> AlertTemplate.parse("A", template));
        assertEquals("template: __alert_A: function \"" + function + "\" is not supported by Opsplane's rule evaluation"
                + " (it needs Prometheus's query engine or HTML output)", refused.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            '' => {{ if 1 }} => x => {{ end }} => ''
            '' => {{ with 1 }} => x => {{ end }} => ''
            {{ => ( => 1 => ) => }}
            """)
    void refusesDeepNesting(String prefix, String open, String middle, String close, String suffix) {
        String deep = prefix + open.repeat(101) + middle + close.repeat(101) + suffix;
        assertEquals("template: __alert_A:1: nesting deeper than 100 levels",
                assertThrows(TemplateException.class, () -> AlertTemplate.parse("A", deep)).getMessage());
        String allowed = prefix + open.repeat(100) + middle + close.repeat(100) + suffix;
        assertEquals(middle, AlertTemplate.parse("A", allowed)
                .expand(new TemplateData(Map.of(), Map.of(), "", 1)));
    }

    @Test
    void boundsRegexBacktrackingInTemplateFunctions() {
        String text = "a".repeat(29);
        TemplateData data = new TemplateData(Map.of("x", text), Map.of(), "", 1);
        assertEquals("false", AlertTemplate.parse("A", "{{ match \"(.*a){30}\" $labels.x }}").expand(data));
        assertEquals("<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing"
                + " \"__alert_A\" at <reReplaceAll \"(.*a){30}\" \"x\" $labels.x>: error calling reReplaceAll: the pattern"
                + " backtracks too much>",
                AlertTemplate.parse("A", "{{ reReplaceAll \"(.*a){30}\" \"x\" $labels.x }}").expandOrDescribeError(data));
        assertEquals("h-9", AlertTemplate.parse("A", "{{ reReplaceAll \"(\\\\w+):(\\\\d)\\\\d*\" \"$1-$2\" $labels.x }}")
                .expand(new TemplateData(Map.of("x", "h:9100"), Map.of(), "", 1)));
    }

    @Test
    void stopsTemplatesThatCallThemselves() {
        String recursive = "{{ define \"r\" }}{{ template \"r\" }}{{ end }}{{ template \"r\" }}";
        assertEquals("<error expanding template: error executing template __alert_A: template: __alert_A:1:140: executing"
                + " \"r\" at <{{template \"r\"}}>: exceeded maximum template depth (100)>",
                AlertTemplate.parse("A", recursive).expandOrDescribeError(new TemplateData(Map.of(), Map.of(), "", 1)));
    }

    @Test
    void refusesTooLongTemplatesAndBoundsOutput() {
        assertEquals("template: __alert_A: longer than 65536 characters", assertThrows(TemplateException.class,
                () -> AlertTemplate.parse("A", "x".repeat(AlertTemplate.MAX_LENGTH + 1))).getMessage());
        String doubling = "{{ $s := \"" + "x".repeat(1000) + "\" }}"
                + "{{ range $k, $v := $labels }}{{ $s }}{{ $s }}{{ $s }}{{ end }}".repeat(400);
        String expanded = AlertTemplate.parse("A", doubling).expandOrDescribeError(
                new TemplateData(Map.of("job", "api"), Map.of(), "", 1));
        assertTrue(expanded.startsWith("<error expanding template:") && expanded.contains("output exceeds 1048576 characters"),
                expanded.substring(0, Math.min(200, expanded.length())));
    }
}
