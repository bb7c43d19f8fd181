package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void quotedValuesAreShortPrintableAscii() {
        assertEquals("\"kid-1\"", LogText.quote("kid-1"));
        assertEquals("\"a?b?c?d?\"", LogText.quote("a\nb\"c\\d\u00e9"));
        assertEquals("\"" + "k".repeat(64) + "...\"", LogText.quote("k".repeat(65)));
        assertEquals("null", LogText.quote(null));
    }

    @Test
    void linesKeepQuotesButNotLineBreaks() {
        assertEquals("token 'x' at?line 2", LogText.line("token 'x' at\nline 2"));
        assertEquals("\"a\\b\"", LogText.line("\"a\\b\""));
        assertEquals("m".repeat(240) + "...", LogText.line("m".repeat(500)));
    }
}
