package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelMatcherTest {

    private static final Map<String, String> LABELS = Map.of("application", "shop-api", "severity", "critical",
            "quote", "say \"hi\"");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            application="shop-api"        | true
            application = "shop-api"      | true
            application=shop-api          | true
            application="shop"            | false
            application!="shop"           | true
            application!="shop-api"       | false
            application=~"shop-.*"        | true
            application=~"shop"           | false
            application!~"shop"           | true
            'application!~"shop-(api|web)"' | false
            missing=""                    | true
            missing!=""                   | false
            missing=~".*"                 | true
            missing=~".+"                 | false
            quote="say \\"hi\\""          | true
            """)
    void matchesLabelsAsPrometheusDoes(String matcher, boolean expected) {
        assertEquals(expected, LabelMatcher.parse(matcher).matches(LABELS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application", "1app=\"x\"", "application==\"x\"", "application=\"x", "a~\"x\"",
            "application=~\"(\"", "application=~\"(?=x)\"", "application=~\"\\\\1\""})
    void refusesWhatIsNotAMatcher(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parse(text));
        assertTrue(!error.getMessage().isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a="x"     | a="x"
            a = x     | a="x"
            a!~"b.*"  | a!~"b.*"
            """)
    void printsInCanonicalForm(String text, String printed) {
        assertEquals(printed, LabelMatcher.parse(text).toString());
    }
}
