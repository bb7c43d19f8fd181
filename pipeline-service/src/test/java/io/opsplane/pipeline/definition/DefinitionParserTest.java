package io.opsplane.pipeline.definition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionParserTest {

    private static final String MAPPING_REQUIRED =
            "the definition must be a YAML mapping (key: value pairs) at the top level";
    private static final String TOO_DEEP = "nesting is deeper than 32 levels";
    private static final String MORE_THAN_ONE_DOCUMENT = "expected one YAML document, found more";

    private final DefinitionParser parser = new DefinitionParser();

    private InvalidDefinitionException rejected(String yaml) {
        return assertThrows(InvalidDefinitionException.class, () -> parser.parse(yaml));
    }

    /** Asserts the exact 1-based position and that describe() shows it in front of the problem. */
    private static void assertPosition(InvalidDefinitionException e, int line, int column) {
        assertEquals(line, e.line(), () -> "line of: " + e.describe());
        assertEquals(column, e.column(), () -> "column of: " + e.describe());
        String prefix = "line " + line + ", column " + column + ": ";
        assertTrue(e.describe().startsWith(prefix), () -> "describe() was: " + e.describe());
        assertEquals(prefix + e.problem(), e.describe());
    }

    private static void assertNoPosition(InvalidDefinitionException e) {
        assertEquals(0, e.line());
        assertEquals(0, e.column());
        assertEquals(e.problem(), e.describe());
    }

    @Nested
    class ValidDocuments {

        @Test
        void gitlabCiLikeDefinitionParsesIntoOrderedMapsListsAndTypedScalars() throws Exception {
            String yaml = """
                    # a comment is fine
                    stages:
                      - build
                      - test
                    variables:
                      IMAGE: "registry.example.com/app:1.2"
                    build-job:
                      stage: build
                      image: $IMAGE
                      script:
                        - make build
                        - echo "done"
                      retry: 2
                      allow_failure: false
                      only:
                        - main
                    test-job:
                      stage: test
                      needs: [build-job]
                      script: ["make test"]
                    """;

            Map<?, ?> definition = parser.parse(yaml);

            assertEquals(List.of("stages", "variables", "build-job", "test-job"), List.copyOf(definition.keySet()));
            assertEquals(List.of("build", "test"), definition.get("stages"));
            assertEquals(Map.of("IMAGE", "registry.example.com/app:1.2"), definition.get("variables"));
            Map<?, ?> build = assertInstanceOf(Map.class, definition.get("build-job"));
            assertEquals("build", build.get("stage"));
            assertEquals("$IMAGE", build.get("image"));
            assertEquals(List.of("make build", "echo \"done\""), build.get("script"));
            assertEquals(2, build.get("retry"));
            assertEquals(false, build.get("allow_failure"));
            assertEquals(List.of("main"), build.get("only"));
            Map<?, ?> test = assertInstanceOf(Map.class, definition.get("test-job"));
            assertEquals(List.of("build-job"), test.get("needs"));
            assertEquals(List.of("make test"), test.get("script"));
        }

        static Stream<Arguments> equivalentSpellings() {
            Map<String, Object> expected = Map.of("stages", List.of("build"),
                    "build", Map.of("stage", "build", "script", List.of("make")));
            return Stream.of(
                    Arguments.of("block style", "stages:\n  - build\nbuild:\n  stage: build\n  script:\n    - make\n",
                            expected),
                    Arguments.of("flow style", "{stages: [build], build: {stage: build, script: [make]}}", expected),
                    Arguments.of("explicit document start", "---\nstages: [build]\nbuild: {stage: build, script: [make]}\n",
                            expected),
                    Arguments.of("explicit document end", "stages: [build]\nbuild: {stage: build, script: [make]}\n...\n",
                            expected),
                    Arguments.of("CRLF line endings", "stages:\r\n  - build\r\nbuild:\r\n  stage: build\r\n"
                            + "  script: [make]\r\n", expected));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("equivalentSpellings")
        void equivalentSpellingsOfOneDefinitionParseToTheSameMap(String label, String yaml, Map<String, Object> expected)
                throws Exception {
            assertEquals(expected, parser.parse(yaml));
        }

        @Test
        void standardTagsAreResolvedWithoutInstantiatingAnything() throws Exception {
            Map<?, ?> definition = parser.parse("a: !!str 1\nb: !!int \"2\"\n");

            assertEquals("1", definition.get("a"));
            assertEquals(2, definition.get("b"));
        }

        @Test
        void nonStringKeysBelowTheTopLevelAreAccepted() throws Exception {
            Map<?, ?> definition = parser.parse("job:\n  1: a\n");

            assertEquals(Map.of(1, "a"), definition.get("job"));
        }

        @Test
        void aFewAliasesAreAcceptedAndShareTheAnchoredValue() throws Exception {
            Map<?, ?> definition = parser.parse(".defaults: &defaults {image: alpine}\njob: *defaults\n");

            assertEquals(Map.of("image", "alpine"), definition.get("job"));
            assertSame(definition.get(".defaults"), definition.get("job"));
        }

        @Test
        void tabsInsideQuotedScalarsAreAccepted() throws Exception {
            assertEquals(Map.of("a", "x\ty"), parser.parse("a: \"x\ty\"\n"));
        }
    }

    @Nested
    class EmptyInput {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "   ", "\n", "\t", " \t\n \r\n"})
        void nullEmptyAndBlankDefinitionsAreRejectedWithoutPosition(String yaml) {
            InvalidDefinitionException e = rejected(yaml);

            assertEquals("the definition is empty", e.problem());
            assertNoPosition(e);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "--- {}\n"})
        void anEmptyMappingIsRejected(String yaml) {
            InvalidDefinitionException e = rejected(yaml);

            assertEquals("the definition has no entries", e.problem());
            assertPosition(e, 1, 1);
        }
    }

    @Nested
    class TopLevelShape {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "hello",
            "42",
            "null",
            "~",
            "- a\n- b\n",
            "[a, b]",
            "# only a comment\n"
        })
        void aDocumentThatIsNotAMappingIsRejected(String yaml) {
            InvalidDefinitionException e = rejected(yaml);

            assertEquals(MAPPING_REQUIRED, e.problem());
            assertPosition(e, 1, 1);
        }

        static Stream<Arguments> nonStringTopLevelKeys() {
            return Stream.of(
                    Arguments.of("1: a", "1"),
                    Arguments.of("true: a", "true"),
                    Arguments.of("null: a", "null"),
                    Arguments.of("1.5: a", "1.5"),
                    Arguments.of("name: x\n2: y\n", "2"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nonStringTopLevelKeys")
        void nonStringTopLevelKeysAreRejectedNamingTheKey(String yaml, String key) {
            InvalidDefinitionException e = rejected(yaml);

            assertEquals("top-level keys must be strings, found " + key, e.problem());
            assertTrue(e.line() > 0, e::describe);
        }

        @Test
        void aNonStringKeyOnTheFirstLineIsReportedThere() {
            assertPosition(rejected("1: a"), 1, 1);
        }
    }

    @Nested
    class MalformedYaml {

        static Stream<Arguments> malformed() {
            return Stream.of(
                    // "stages: [build, test" is 20 characters: the stream ends at column 21.
                    Arguments.of("unclosed flow sequence at end of input", "stages: [build, test", 1, 21,
                            "expected ',' or ']'"),
                    Arguments.of("unclosed flow sequence before a newline", "stages: [build, test\n", 2, 1,
                            "expected ',' or ']'"),
                    // The flow sequence swallows "test jobs" and then meets the ':' after "jobs".
                    Arguments.of("unclosed flow sequence followed by a key", "stages: [build, test\njobs: x\n", 2, 5,
                            "expected ',' or ']'"),
                    Arguments.of("unclosed flow mapping", "a: {b: 1\n", 2, 1, "expected ',' or '}'"),
                    // " b: 2" continues the plain scalar "1"; its ':' (column 3) cannot start a value there.
                    Arguments.of("over-indented key continues a scalar", "a: 1\n b: 2\n", 2, 3,
                            "mapping values are not allowed here"),
                    // "stage" at column 2 is deeper than "build" but shallower than "script".
                    Arguments.of("key between two indentation levels", "build:\n  script: x\n stage: test\n", 3, 2,
                            "expected <block end>"),
                    Arguments.of("tab indentation", "build:\n\tscript: x\n", 2, 1, "cannot start any token"),
                    // "name: \"abc" is 10 characters: the stream ends at column 11.
                    Arguments.of("unclosed double quote", "name: \"abc", 1, 11, "found unexpected end of stream"),
                    Arguments.of("unclosed single quote across lines", "name: 'abc\nother: x\n", 3, 1,
                            "found unexpected end of stream"),
                    Arguments.of("unclosed flow sequence with CRLF", "a: 1\r\nb: [x\r\n", 3, 1, "expected ',' or ']'"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformed")
        void malformedYamlIsRejectedAtTheProblem(String label, String yaml, int line, int column, String fragment) {
            InvalidDefinitionException e = rejected(yaml);

            assertPosition(e, line, column);
            assertTrue(e.problem().contains(fragment), e::describe);
            assertFalse(e.problem().contains("\n"), "the problem is a single line: " + e.problem());
        }
    }

    @Nested
    class DuplicateKeys {

        static Stream<Arguments> duplicates() {
            return Stream.of(
                    Arguments.of("top level", "a: 1\nb: 2\na: 3\n", 3, 1, "a"),
                    Arguments.of("nested", "job:\n  stage: x\n  stage: y\n", 3, 3, "stage"),
                    // "{a: 1, a: 2}": the second "a" is at column 8.
                    Arguments.of("flow mapping", "{a: 1, a: 2}", 1, 8, "a"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("duplicates")
        void duplicateKeysAreRejectedAtTheSecondOccurrence(String label, String yaml, int line, int column,
                String key) {
            InvalidDefinitionException e = rejected(yaml);

            assertPosition(e, line, column);
            assertTrue(e.problem().endsWith("found duplicate key " + key), e::describe);
        }
    }

    @Nested
    class Aliases {

        private static String billionLaughs() {
            StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
                    + "\"lol\"]\n");
            char previous = 'a';
            for (char level = 'b'; level <= 'i'; level++) {
                yaml.append(level).append(": &").append(level).append(" [");
                for (int i = 0; i < 9; i++) {
                    yaml.append(i == 0 ? "" : ",").append('*').append(previous);
                }
                yaml.append("]\n");
                previous = level;
            }
            return yaml.toString();
        }

        private static String collectionAliases(int count) {
            StringBuilder yaml = new StringBuilder("x: &x [1]\nall: [");
            for (int i = 0; i < count; i++) {
                yaml.append(i == 0 ? "" : ",").append("*x");
            }
            return yaml.append("]\n").toString();
        }

        @Test
        void billionLaughsIsRejectedBeforeItExpands() {
            // Nine levels of nine aliases would expand to 9^9 strings if the aliases were followed.
            InvalidDefinitionException e = rejected(billionLaughs());

            assertTrue(e.problem().contains("aliases"), e::describe);
        }

        @Test
        void fiftyCollectionAliasesAreAccepted() throws Exception {
            Map<?, ?> definition = parser.parse(collectionAliases(DefinitionParser.MAX_ALIASES));

            assertEquals(DefinitionParser.MAX_ALIASES, assertInstanceOf(List.class, definition.get("all")).size());
        }

        @Test
        void fiftyOneCollectionAliasesAreRejected() {
            InvalidDefinitionException e = rejected(collectionAliases(DefinitionParser.MAX_ALIASES + 1));

            assertTrue(e.problem().contains("aliases"), e::describe);
        }

        static Stream<Arguments> recursive() {
            return Stream.of(
                    // Positions are those of the alias: "a: &a [1, " is 10 characters.
                    Arguments.of("sequence containing itself", "a: &a [1, *a]\n", 1, 11, "a"),
                    Arguments.of("mapping containing itself", "a: &a {self: *a}\n", 1, 14, "a"),
                    Arguments.of("recursive key", "? &k [*k]\n: v\n", 1, 7, "k"),
                    Arguments.of("self reference two levels down", "a: &a\n  b:\n    c: *a\n", 3, 8, "a"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("recursive")
        void aStructureThatContainsItselfIsRejectedAtTheAlias(String label, String yaml, int line, int column,
                String anchor) {
            InvalidDefinitionException e = rejected(yaml);

            assertPosition(e, line, column);
            assertTrue(e.problem().startsWith("alias *" + anchor + " refers to a collection that contains it"),
                    e::describe);
        }

        @Test
        void anAliasToAClosedCollectionIsNotRecursive() throws Exception {
            Map<?, ?> definition = parser.parse("a: &a [1]\nb: {c: *a, d: [*a]}\n");

            assertEquals(Map.of("c", List.of(1), "d", List.of(List.of(1))), definition.get("b"));
        }

        @Test
        void aliasesOfScalarsAreNotCounted() throws Exception {
            StringBuilder yaml = new StringBuilder("x: &x 1\nall: [");
            for (int i = 0; i < 200; i++) {
                yaml.append(i == 0 ? "" : ",").append("*x");
            }
            Map<?, ?> definition = parser.parse(yaml.append("]\n").toString());

            assertEquals(200, assertInstanceOf(List.class, definition.get("all")).size());
        }
    }

    @Nested
    class Nesting {

        @Test
        void thirtyTwoLevelsAreAccepted() throws Exception {
            // The top-level mapping is level 1, the 31 sequences are levels 2 to 32.
            Map<?, ?> definition = parser.parse("a: " + "[".repeat(31) + "]".repeat(31));

            assertTrue(definition.containsKey("a"));
        }

        @Test
        void thirtyThreeLevelsAreRejectedAtTheOpeningBracketTooMany() {
            // "a: " is 3 characters; the 32nd '[' (level 33) is at column 3 + 32 = 35.
            InvalidDefinitionException e = rejected("a: " + "[".repeat(32) + "]".repeat(32));

            assertEquals(TOO_DEEP, e.problem());
            assertPosition(e, 1, 35);
        }

        @ParameterizedTest(name = "balanced = {0}")
        @ValueSource(booleans = {true, false})
        void tenThousandNestedFlowSequencesAreRejectedWithoutStackOverflow(boolean balanced) {
            String yaml = "[".repeat(10_000) + (balanced ? "]".repeat(10_000) : "");

            InvalidDefinitionException e = rejected(yaml);

            assertEquals(TOO_DEEP, e.problem());
            assertPosition(e, 1, 33);
        }

        private static String nestedBlockMappings(int levels) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < levels; i++) {
                yaml.append("  ".repeat(i)).append('k').append(i).append(":\n");
            }
            return yaml.append("  ".repeat(levels)).append("leaf\n").toString();
        }

        @Test
        void thirtyTwoNestedBlockMappingsAreAccepted() throws Exception {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < 31; i++) {
                yaml.append("  ".repeat(i)).append('k').append(i).append(":\n");
            }
            yaml.append("  ".repeat(31)).append("k31: leaf\n");

            assertTrue(parser.parse(yaml.toString()).containsKey("k0"));
        }

        @Test
        void fortyNestedBlockMappingsAreRejectedAtTheThirtyThirdMapping() {
            // Mapping n (1-based) starts at key k(n-1): line n, indented 2 * (n - 1) spaces.
            // Mapping 33 starts at line 33, column 2 * 32 + 1 = 65.
            InvalidDefinitionException e = rejected(nestedBlockMappings(40));

            assertEquals(TOO_DEEP, e.problem());
            assertPosition(e, 33, 65);
        }

        @Test
        void fortyNestedFlowMappingsAreRejectedAtTheThirtyThirdBrace() {
            // Each level is "{a: " (4 characters); the 33rd '{' is at column 32 * 4 + 1 = 129.
            InvalidDefinitionException e = rejected("{a: ".repeat(40) + "1" + "}".repeat(40));

            assertEquals(TOO_DEEP, e.problem());
            assertPosition(e, 1, 129);
        }

        @Test
        void manyShallowSiblingCollectionsDoNotAddUpToDepth() throws Exception {
            Map<?, ?> definition = parser.parse("items: [" + "[1], ".repeat(1_000) + "[2]]");

            assertEquals(1_001, assertInstanceOf(List.class, definition.get("items")).size());
        }
    }

    @Nested
    class Tags {

        static Stream<Arguments> unknownTags() {
            return Stream.of(
                    // The tag starts right after "cmd: " at column 6.
                    Arguments.of("cmd: !!python/object:os.system ls\n", 1, 6, "tag:yaml.org,2002:python/object:os.system"),
                    Arguments.of("run: !!python/object/apply:os.system [\"ls\"]\n", 1, 6,
                            "tag:yaml.org,2002:python/object/apply:os.system"),
                    Arguments.of("x: !!java.net.URL [\"http://example.com\"]\n", 1, 4, "tag:yaml.org,2002:java.net.URL"),
                    Arguments.of("cmd: !custom ls\n", 1, 6, "!custom"),
                    Arguments.of("job: !custom {a: 1}\n", 1, 6, "!custom"),
                    Arguments.of("!custom {a: 1}", 1, 1, "!custom"),
                    Arguments.of("jobs:\n  build: !custom x\n", 2, 10, "!custom"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("unknownTags")
        void unknownAndCustomTagsAreRejectedAtTheTaggedNode(String yaml, int line, int column, String tag) {
            InvalidDefinitionException e = rejected(yaml);

            assertPosition(e, line, column);
            assertTrue(e.problem().contains(tag), e::describe);
        }
    }

    @Nested
    class ControlCharacters {

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x0000, 0x0001, 0x0007, 0x0008, 0x000B, 0x000C, 0x001B, 0x007F, 0x0080, 0x009F, 0xD800,
            0xDC00, 0xFFFE, 0xFFFF})
        void controlAndNonCharactersAreRejectedAtTheirPosition(int codeUnit) {
            // Line 2 is "c: x?y": the character is at column 5.
            String yaml = "a: b\nc: x" + (char) codeUnit + "y\n";

            InvalidDefinitionException e = rejected(yaml);

            assertEquals(String.format("special characters are not allowed (found U+%04X)", codeUnit), e.problem());
            assertPosition(e, 2, 5);
        }

        static Stream<Arguments> positions() {
            return Stream.of(
                    Arguments.of("at the very start", "\u0000a: b\n", 1, 1),
                    Arguments.of("after LF", "a: b\nc: d\u0000\n", 2, 5),
                    Arguments.of("after CRLF", "a: b\r\nc: d\u0000\n", 2, 5),
                    // The emoji is two UTF-16 units but one column.
                    Arguments.of("after an emoji", "a: \uD83D\uDE00\u0000\n", 1, 5),
                    Arguments.of("as a key on line 3", "a: \uD83D\uDE00\nb: c\n\u0007: x\n", 3, 1));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("positions")
        void theColumnCountsCodePointsAndTheLineCountsLineBreaks(String label, String yaml, int line, int column) {
            InvalidDefinitionException e = rejected(yaml);

            assertTrue(e.problem().startsWith("special characters are not allowed"), e::describe);
            assertPosition(e, line, column);
        }
    }

    @Nested
    class Size {

        private static final String HEAD = "a: b\n# ";

        @Test
        void exactlyTheLimitIsAccepted() throws Exception {
            String yaml = HEAD + "x".repeat(DefinitionParser.MAX_CODE_POINTS - HEAD.length());

            assertEquals(Map.of("a", "b"), parser.parse(yaml));
        }

        @Test
        void oneCharacterOverTheLimitIsRejectedWithoutPosition() {
            String yaml = HEAD + "x".repeat(DefinitionParser.MAX_CODE_POINTS - HEAD.length() + 1);

            InvalidDefinitionException e = rejected(yaml);

            assertEquals("the definition is larger than 262144 characters", e.problem());
            assertNoPosition(e);
        }

        @Test
        void theLimitCountsCodePointsNotUtf16Units() throws Exception {
            // One emoji is two UTF-16 units but one code point: 262145 units, 262144 code points.
            String yaml = HEAD + "x".repeat(DefinitionParser.MAX_CODE_POINTS - HEAD.length() - 1) + "\uD83D\uDE00";
            assertEquals(DefinitionParser.MAX_CODE_POINTS + 1, yaml.length());

            assertEquals(Map.of("a", "b"), parser.parse(yaml));
        }

        @Test
        void emojiAcrossTheDefaultReadBufferBoundaryAreRead() throws Exception {
            // 511 emoji after "a: \"" put a surrogate pair across snakeyaml-engine's default 1024-unit buffer.
            String value = "\uD83D\uDE00".repeat(511);

            assertEquals(Map.of("a", value), parser.parse("a: \"" + value + "\""));
        }

        @Test
        void aMegabyteIsRejected() {
            InvalidDefinitionException e = rejected("a: " + "x".repeat(1024 * 1024));

            assertTrue(e.problem().startsWith("the definition is larger than"), e::describe);
        }
    }

    @Nested
    class Documents {

        static Stream<Arguments> severalDocuments() {
            return Stream.of(
                    Arguments.of("a: 1\n---\nb: 2", 2, 1),
                    Arguments.of("a: 1\n---\n", 2, 1),
                    Arguments.of("--- \na: 1\n--- \nb: 2\n", 3, 1));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("severalDocuments")
        void moreThanOneDocumentIsRejectedAtTheSecondStart(String yaml, int line, int column) {
            InvalidDefinitionException e = rejected(yaml);

            assertEquals(MORE_THAN_ONE_DOCUMENT, e.problem());
            assertPosition(e, line, column);
        }

        static Stream<Arguments> specHeaders() {
            return Stream.of(
                    Arguments.of("spec:\n  inputs:\n    a: {default: x}\n---\nstages: [build]\n", 1, 1),
                    Arguments.of("# header\n---\nspec:\n  inputs: {}\n---\njob: {script: x}\n", 3, 1),
                    Arguments.of("{spec: {inputs: {}}}\n---\njob: {script: x}\n", 1, 2));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("specHeaders")
        void aGitlabSpecHeaderDocumentIsNamedAtItsKey(String yaml, int line, int column) {
            InvalidDefinitionException e = rejected(yaml);

            assertTrue(e.problem().startsWith("keyword 'spec:inputs' is not supported"), e::describe);
            assertPosition(e, line, column);
        }

        @Test
        void aSecondDocumentAfterAnotherFirstKeyIsNotCalledASpecHeader() {
            InvalidDefinitionException e = rejected("stages: [a]\nspec: x\n---\nb: 2\n");

            assertEquals(MORE_THAN_ONE_DOCUMENT, e.problem());
        }
    }

    /** Inputs that once escaped the promise "every rejection names the line and column". */
    @Nested
    class Regressions {

        @Test
        void aDocumentOfManyEmojiWithinTheLimitDoesNotCrashTheParser() {
            // 131,075 code points (within the limit), 262,147 UTF-16 units.
            String yaml = "a: " + "\uD83D\uDE00".repeat(131_072);

            assertDoesNotThrow(() -> parser.parse(yaml));
        }

        @Test
        void aNulAfterALoneCarriageReturnIsReportedOnTheNextLine() {
            assertPosition(rejected("a: b\rc: d\u0000\n"), 2, 5);
        }
    }
}
