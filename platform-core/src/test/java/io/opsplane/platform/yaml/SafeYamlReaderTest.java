package io.opsplane.platform.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeYamlReaderTest {

    private static YamlMapping map(String text) {
        return SafeYamlReader.read(text).asMapping();
    }

    @Test
    void keepsTheLineAndColumnAndPathOfEveryKeyAndValue() {
        YamlMapping root = map("""
                route:
                  routes:
                    - receiver: a
                    - receiver: b
                      group_wait: 30s
                """);
        YamlNode second = root.required("route").asMapping().list("routes").get(1);
        YamlMapping.Entry wait = second.asMapping().entries().get(1);
        assertEquals(new YamlLocation(5, 7), wait.key().location());
        assertEquals(new YamlLocation(5, 19), wait.value().location());
        assertEquals("route.routes[1].group_wait", wait.value().path());
        assertEquals(Duration.ofSeconds(30), wait.value().asDuration());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a: [1, 2]\\nb: 1\\na: 3                 | duplicate key 'a' (first written at line 1, column 1) | a                | 3 | 1
            a: !!binary aGVsbG8=                    | the tag tag:yaml.org,2002:binary is not allowed        | a                | 1 | 4
            a: !custom x                            | the tag !custom is not allowed                         | a                | 1 | 4
            a: !!python/object:os.system x          | is not allowed                                         | a                | 1 | 4
            ? [a, b]\\n: c                          | a key must be a single value                           | ''               | 1 | 3
            a: &x [1, *x]                           | recursive structures are not allowed                   | a[1]             | 1 | 4
            a: [1\\nb: 2                            | while parsing a flow sequence                          | ''               | 2 | 2
            a: 1\\n---\\nb: 2                       | expected a single document in the stream               | ''               | 2 | 1
            a: '\\u0001'                            | special characters are not allowed (found U+0001)      | ''               | 1 | 5
            a: [*nowhere]                           | found undefined alias nowhere                          | ''               | 1 | 5
            <<: 3                                   | the merge key << takes a mapping                       | <<               | 1 | 5
            <<: [{a: 1}, 2]                         | the merge key << takes a mapping                       | '<<[1]'          | 1 | 14
            """)
    void refusesHostileOrInvalidDocuments(String text, String problem, String path, int line, int column) {
        YamlException e = assertThrows(YamlException.class,
                () -> SafeYamlReader.read(text.replace("\\n", "\n").replace("\\u0001", "\u0001")));
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertEquals(path, e.path(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }

    @Test
    void refusesAnAliasBombOnceItsExpansionExceedsTheBudget() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 8; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        YamlException e = assertThrows(YamlException.class, () -> SafeYamlReader.read(bomb.toString()));
        assertTrue(e.problem().contains("values once its aliases are followed"), e.getMessage());
    }

    @Test
    void refusesMoreAliasesThanTheLimit() {
        String text = "a: &a [1]\nb: [*a, *a, *a]\n";
        YamlException e = assertThrows(YamlException.class,
                () -> SafeYamlReader.read(text, new YamlLimits(1000, 10, 2, 1000)));
        assertTrue(e.problem().toLowerCase().contains("alias"), e.getMessage());
    }

    @Test
    void refusesDeepNestingBeforeComposing() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        YamlException e = assertThrows(YamlException.class, () -> SafeYamlReader.read(deep));
        assertEquals("nesting is deeper than 64 levels", e.problem());
        assertEquals(1, e.line());
        assertEquals(65, e.column());
    }

    @Test
    void refusesAnOversizedText() {
        YamlException e = assertThrows(YamlException.class,
                () -> SafeYamlReader.read("a: " + "x".repeat(100), new YamlLimits(50, 10, 10, 100)));
        assertEquals("the document is larger than 50 characters", e.problem());
    }

    @Test
    void expandsAliasesUnderTheirOwnPaths() {
        YamlMapping root = map("base: &b {wait: 1m}\nroutes: [*b, *b]\n");
        YamlNode second = root.list("routes").get(1);
        assertEquals("routes[1].wait", second.asMapping().required("wait").path());
        assertEquals(Duration.ofMinutes(1), second.asMapping().required("wait").asDuration());
    }

    @Test
    void mergeKeysLetWrittenKeysWinThenTheFirstMergedMapping() {
        YamlMapping root = map("""
                one: &one {a: 1, b: 1}
                two: &two {b: 2, c: 2}
                m:
                  <<: [*one, *two]
                  a: 0
                """);
        YamlMapping merged = root.required("m").asMapping();
        assertEquals(List.of("a", "b", "c"), merged.entries().stream().map(e -> e.key().text()).toList());
        assertEquals(0, merged.required("a").asInt());
        assertEquals(1, merged.required("b").asInt());
        assertEquals(2, merged.required("c").asInt());
    }

    @Test
    void anEmptyDocumentIsNull() {
        YamlNode node = SafeYamlReader.read("# only a comment\n");
        assertTrue(node instanceof YamlScalar scalar && scalar.isNull());
        YamlException e = assertThrows(YamlException.class, node::asMapping);
        assertEquals("expected a mapping (key: value pairs), found nothing (null)", e.problem());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            v: abc       | string   | abc
            v: 'true'    | string   | true
            v: 12        | string   | 12
            v: 12        | int      | 12
            v: -3        | int      | -3
            v: true      | bool     | true
            v: off       | bool     | false
            v: 1d2h30m   | duration | PT26H30M
            v: 0         | duration | PT0S
            v: 0s        | duration | PT0S
            v: 500ms     | duration | PT0.5S
            v: 2w        | duration | PT336H
            v: 1y        | duration | PT8760H
            v: ${HOME}   | string   | ${HOME}
            v: !!str 5   | string   | 5
            """)
    void convertsTypedValues(String text, String type, String expected) {
        YamlNode value = map(text).required("v");
        String actual = switch (type) {
            case "string" -> value.asString();
            case "int" -> Integer.toString(value.asInt());
            case "bool" -> Boolean.toString(value.asBool());
            case "duration" -> value.asDuration().toString();
            default -> throw new IllegalArgumentException(type);
        };
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "[{index}] {0} as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            v: 1.5          | int      | expected a whole number, found the value '1.5'
            v: 99999999999  | int      | the number 99999999999 is out of range
            v: 'true'       | bool     | expected true or false, found the value 'true'
            v: maybe        | bool     | expected true or false, found the value 'maybe'
            v: 5            | duration | '5' is not a duration
            v: 1h1d         | duration | '1h1d' is not a duration
            v: 1m1m         | duration | '1m1m' is not a duration
            v: ''           | duration | '' is not a duration
            v: -1s          | duration | '-1s' is not a duration
            v: 999999999999y| duration | the duration '999999999999y' is too long
            v: [a]          | string   | expected a single value, found a list
            v: {a: 1}       | list     | expected a list, found a mapping
            v: a            | mapping  | expected a mapping (key: value pairs), found the value 'a'
            """)
    void namesTheValueThatHasTheWrongType(String text, String type, String problem) {
        YamlNode value = map(text).required("v");
        YamlException e = assertThrows(YamlException.class, () -> {
            switch (type) {
                case "string" -> value.asString();
                case "int" -> value.asInt();
                case "bool" -> value.asBool();
                case "duration" -> value.asDuration();
                case "list" -> value.asSequence();
                case "mapping" -> value.asMapping();
                default -> throw new IllegalArgumentException(type);
            }
        });
        assertTrue(e.problem().startsWith(problem), e.getMessage());
        assertEquals("v", e.path());
        assertEquals(1, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void mappingAccessorsTreatNullAsAbsentAndNameMissingAndUnknownKeys() {
        YamlMapping root = map("outer:\n  a: ~\n  b: [x, y]\n  c:\n");
        YamlMapping outer = root.required("outer").asMapping();
        assertFalse(outer.has("a"));
        assertFalse(outer.has("c"));
        assertEquals(List.of("x", "y"), outer.stringList("b"));
        assertTrue(outer.bool("missing", true));
        YamlException missing = assertThrows(YamlException.class, () -> outer.required("a"));
        assertEquals("outer: the field 'a' is required (line 2, column 3)", missing.getMessage());
        YamlException unknown = assertThrows(YamlException.class, () -> outer.refuseUnknownKeys(List.of("a", "c")));
        assertEquals("outer.b: unknown field 'b' (line 3, column 3)", unknown.getMessage());
    }
}
