package io.opsplane.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain text stays        | web-1               | 100 | web-1",
        "a newline is escaped    | 'a\nb'              | 100 | 'a\\u000ab'",
        "DEL is escaped          | 'a\u007fb'          | 100 | 'a\\u007fb'",
        "bounded by code points  | abcdef              | 3   | abc",
        "a surrogate pair is one | '\uD83D\uDE00x'     | 1   | '\uD83D\uDE00'"})
    void quotesUntrustedTextSafely(String name, String text, int max, String expected) {
        assertEquals(expected, PrintableText.of(text, max));
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertEquals("", PrintableText.of(null, 10));
    }
}
