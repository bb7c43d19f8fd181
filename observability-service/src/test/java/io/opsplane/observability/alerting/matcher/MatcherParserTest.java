package io.opsplane.observability.alerting.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherParserTest {

    /** Each row: input, then the parsed matchers printed in Alertmanager's form, joined by a space. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '\'', textBlock = """
            severity="critical" ; severity="critical"
            severity=critical ; severity="critical"
            '  severity =  critical  ' ; severity="critical"
            severity!="info" ; severity!="info"
            service=~"foo1|foo2|baz" ; service=~"foo1|foo2|baz"
            service!~db.* ; service!~"db.*"
            '{a="1", b!="2"}' ; a="1" b!="2"
            '{a="x,y",b=~"c"}' ; a="x,y" b=~"c"
            'a="say \\"hi\\""' ; a="say \\"hi\\""
            a="back\\\\slash" ; a="back\\\\slash"
            a="line\\nbreak" ; a="line\\nbreak"
            a="\\d+" ; a="\\\\d+"
            a= ; a=""
            a="" ; a=""
            '{}' ; ''
            '' ; ''
            'a="1",' ; a="1"
            __name__=up ; __name__="up"
            a:b="1" ; a:b="1"
            a=trailing\\ ; a="trailing\\\\"
            a==b ; a="=b"
            """)
    void parsesAlertmanagerMatcherLists(String input, String expected) {
        List<Matcher> matchers = MatcherParser.parseAll(input);
        assertEquals(expected, String.join(" ", matchers.stream().map(Matcher::toString).toList()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '\'', textBlock = """
            severity ; bad matcher format: severity
            1abc="x" ; bad matcher format: 1abc="x"
            a~="x" ; bad matcher format: a~="x"
            'a="x' ; matcher value contains unescaped double quote: "x
            'a=x"y' ; matcher value contains unescaped double quote: x"y
            'a="x"y"' ; matcher value contains unescaped double quote: "x"y"
            a=~"(x" ; the matcher a=~"(x": invalid regular expression
            a=~"(?=x)" ; the matcher a=~"(?=x)": the regular expression uses a lookahead (?=...), which RE2 does not support
            'a=~"(a)\\1"' ; which RE2 does not support
            """)
    void refusesWhatAlertmanagerRefuses(String input, String message) {
        InvalidMatcherException e = assertThrows(InvalidMatcherException.class, () -> MatcherParser.parseAll(input));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0} on {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '\'', textBlock = """
            a="1" ; a=1 ; true
            a="1" ; a=2 ; false
            a="" ; b=1 ; true
            a!="1" ; b=1 ; true
            a!="1" ; a=1 ; false
            a=~"1|2" ; a=2 ; true
            a=~"1|2" ; a=12 ; false
            a=~"db" ; a=mydb ; false
            a=~".*db" ; a=mydb ; true
            a=~".*" ; b=1 ; true
            a=~".+" ; b=1 ; false
            a!~"x.*" ; a=xy ; false
            a!~"x.*" ; a=yx ; true
            a=~"a.c" ; 'a=a\nc' ; false
            '{a="1",b="2"}' ; a=1 b=2 ; true
            '{a="1",b="2"}' ; a=1 ; false
            """)
    void matchesLabelsLikeAlertmanager(String matchers, String labels, boolean expected) {
        Map<String, String> set = new java.util.HashMap<>();
        for (String pair : labels.split(" ")) {
            String[] kv = pair.split("=", 2);
            set.put(kv[0], kv[1].replace("\\n", "\n"));
        }
        assertEquals(expected, new Matchers(MatcherParser.parseAll(matchers)).matches(set));
    }

    @Test
    void sortsByNameThenOperatorThenValueAndPrintsLikeARouteKey() {
        Matchers matchers = new Matchers(MatcherParser.parseAll("{b=\"2\", a=~\"x\", a=\"z\", a=\"y\"}"));
        assertEquals("{a=\"y\",a=\"z\",a=~\"x\",b=\"2\"}", matchers.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            a="" ; true
            a="x" ; false
            a!="x" ; true
            a!="" ; false
            a=~".*" ; true
            a=~"x*" ; true
            a=~"x+" ; false
            a!~"x+" ; true
            a!~".*" ; false
            """)
    void tellsWhetherTheEmptyValueMatches(String matcher, boolean expected) {
        assertEquals(expected, MatcherParser.parse(matcher).matchesEmpty());
    }
}
