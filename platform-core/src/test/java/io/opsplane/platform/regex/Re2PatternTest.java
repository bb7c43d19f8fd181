package io.opsplane.platform.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Re2PatternTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            (?=a)b        | a lookahead (?=...)
            (?!main)      | a lookahead (?!...)
            (?<=a)b       | a lookbehind (?<=...)
            (?<!a)b       | a lookbehind (?<!...)
            (?>a+)b       | an atomic group (?>...)
            (a)\\1        | a backreference (\\1)
            (?<n>a)\\k<n> | a named backreference (\\k)
            a++           | a possessive quantifier (++)
            a*+           | a possessive quantifier (*+)
            a?+           | a possessive quantifier (?+)
            a{2}+         | a possessive quantifier (}+)
            abc\\Z        | \\Z
            \\Gabc        | \\G
            (?x)a b       | the inline flag x
            (?U)a+        | the inline flag U (ungreedy in RE2, Unicode classes in Java)
            (?is-d:a)     | the inline flag d
            \\Q(\\E(?=a)  | a lookahead (?=...)
            \\p{L}a++    | a possessive quantifier (++)
            """)
    void namesTheFirstConstructRe2Lacks(String regex, String construct) {
        assertEquals(Optional.of(construct), Re2Constructs.firstUnsupported(regex));
        Re2Pattern.InvalidRegexException e = assertThrows(Re2Pattern.InvalidRegexException.class,
                () -> Re2Pattern.compile(regex, 0));
        assertEquals("the regular expression uses " + construct + ", which RE2 does not support", e.description());
        assertEquals(Optional.of(construct), e.unsupportedConstruct());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a+b
            [(?=]x
            []\\\\1]
            \\\\1
            (?:ab)+
            (?i)abc
            (?<name>a)
            [a+]+
            a{2,3}
            \\(?=
            (?i-s:a)
            (?ms)^a$
            \\p{Lu}+
            \\P{L}+x
            \\x{41}+
            \\Q(?=a++\\E
            \\Qab
            """)
    void acceptsWhatRe2Has(String regex) {
        assertEquals(Optional.empty(), Re2Constructs.firstUnsupported(regex));
        Re2Pattern.compile(regex, 0);
    }

    @Test
    void reportsJavaSyntaxErrorsWithoutAConstruct() {
        Re2Pattern.InvalidRegexException e = assertThrows(Re2Pattern.InvalidRegexException.class,
                () -> Re2Pattern.compile("(a", 0));
        assertTrue(e.description().startsWith("invalid regular expression: "), e.description());
        assertEquals(Optional.empty(), e.unsupportedConstruct());
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            b+       | abbbc | true  | false
            ^b+$     | bbb   | true  | true
            a.c      | xabcx | true  | false
            a.c      | abc   | true  | true
            x        | abc   | false | false
            """)
    void findsAnywhereOrMatchesWhole(String regex, String text, boolean found, boolean whole) {
        Re2Pattern pattern = Re2Pattern.compile(regex, 0);
        assertEquals(found, pattern.foundIn(text));
        assertEquals(whole, pattern.matchesWhole(text));
    }

    @Test
    void aMatchThatReadsTheTextMoreThanTheBudgetCountsAsNoMatch() {
        String text = "a".repeat(40);
        assertTrue(Re2Pattern.compile("a+", 0, 1_000).matchesWhole(text));
        assertFalse(Re2Pattern.compile("a+", 0, 10).matchesWhole(text));
        assertFalse(Re2Pattern.compile("a+", 0, 10).foundIn(text));
    }

    @Test
    void catastrophicBacktrackingEndsAsNoMatch() {
        Re2Pattern nested = Re2Pattern.compile("^(a+)+$", 0);
        assertFalse(nested.foundIn("a".repeat(64) + "b"));
        assertTrue(nested.foundIn("a".repeat(64)));
    }
}
