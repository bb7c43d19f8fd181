package io.opsplane.pipeline.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.pipeline.definition.gitlab.YamlReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The checks of {@link SafeYaml#compose} with the alias limit every GitLab CI file is read with
 * ({@link YamlReader#MAX_ALIASES}). What only the walk over the nodes refuses (duplicate keys, tags, the top level's
 * shape) is tested through {@link GitlabCiCompiler} in {@code GitlabCiCompilerTest.DocumentShape}.
 */
class SafeYamlTest {

    private static final String TOO_DEEP = "nesting is deeper than 32 levels";
    private static final String MORE_THAN_ONE_DOCUMENT = "expected one YAML document, found more";

    private static Node compose(String yaml) throws InvalidDefinitionException {
        return SafeYaml.compose(yaml, YamlReader.MAX_ALIASES);
    }

    private static InvalidDefinitionException rejected(String yaml) {
        return assertThrows(InvalidDefinitionException.class, () -> compose(yaml));
    }

    /** The node written under a top-level key. */
    private static Node valueOf(Node root, String key) {
        for (NodeTuple tuple : assertInstanceOf(MappingNode.class, root).getValue()) {
            if (key.equals(assertInstanceOf(ScalarNode.class, tuple.getKeyNode()).getValue())) {
                return tuple.getValueNode();
            }
        }
        throw new AssertionError("no key " + key);
    }

    /** Asserts the exact 1-based position and that describe() shows it in front of the problem. */
    private static void assertPosition(InvalidDefinitionException e, int line, int column) {
        assertEquals(line, e.line(), () -> "line of: " + e.describe());
        assertEquals(column, e.column(), () -> "column of: " + e.describe());
        assertEquals("line " + line + ", column " + column + ": " + e.problem(), e.describe());
    }

    private static void assertNoPosition(InvalidDefinitionException e) {
        assertEquals(0, e.line());
        assertEquals(0, e.column());
        assertEquals(e.problem(), e.describe());
    }

    @Nested
    class EmptyInput {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "   ", "\n", "\t", " \t\n \r\n", "# only a comment\n"})
        void nullEmptyBlankAndCommentOnlyDefinitionsAreRejectedWithoutPosition(String yaml) {
            InvalidDefinitionException e = rejected(yaml);

            assertEquals("the definition is empty", e.problem());
            assertNoPosition(e);
        }
    }

    @Nested
    class Size {

        private static final String HEAD = "a: b\n# ";

        @Test
        void exactlyTheLimitIsAccepted() throws Exception {
            String yaml = HEAD + "x".repeat(SafeYaml.MAX_CODE_POINTS - HEAD.length());

            assertEquals("b", ((ScalarNode) valueOf(compose(yaml), "a")).getValue());
        }

        @Test
        void oneCharacterOverTheLimitIsRejectedWithoutPosition() {
            String yaml = HEAD + "x".repeat(SafeYaml.MAX_CODE_POINTS - HEAD.length() + 1);

            InvalidDefinitionException e = rejected(yaml);

            assertEquals("the definition is larger than 262144 characters", e.problem());
            assertNoPosition(e);
        }

        @Test
        void theLimitCountsCodePointsNotUtf16Units() throws Exception {
            // One emoji is two UTF-16 units but one code point: 262145 units, 262144 code points.
            String yaml = HEAD + "x".repeat(SafeYaml.MAX_CODE_POINTS - HEAD.length() - 1) + "\uD83D\uDE00";
            assertEquals(SafeYaml.MAX_CODE_POINTS + 1, yaml.length());

            assertEquals("b", ((ScalarNode) valueOf(compose(yaml), "a")).getValue());
        }

        @Test
        void emojiAcrossTheDefaultReadBufferBoundaryAreRead() throws Exception {
            // 511 emoji after "a: \"" put a surrogate pair across snakeyaml-engine's default 1024-unit buffer.
            String value = "\uD83D\uDE00".repeat(511);

            assertEquals(value, ((ScalarNode) valueOf(compose("a: \"" + value + "\""), "a")).getValue());
        }

        @Test
        void aDocumentOfManyEmojiWithinTheLimitIsRead() throws Exception {
            // 131,075 code points (within the limit), 262,147 UTF-16 units.
            String value = "\uD83D\uDE00".repeat(131_072);

            assertEquals(value, ((ScalarNode) valueOf(compose("a: " + value), "a")).getValue());
        }

        @Test
        void aMegabyteIsRejected() {
            InvalidDefinitionException e = rejected("a: " + "x".repeat(1024 * 1024));

            assertTrue(e.problem().startsWith("the definition is larger than"), e::describe);
        }
    }

    @Nested
    class Nesting {

        @Test
        void thirtyTwoLevelsAreAccepted() throws Exception {
            // The top-level mapping is level 1, the 31 sequences are levels 2 to 32.
            Node root = compose("a: " + "[".repeat(31) + "]".repeat(31));

            assertInstanceOf(SequenceNode.class, valueOf(root, "a"));
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

        private static String nestedBlockMappings(int levels, String leaf) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < levels - 1; i++) {
                yaml.append("  ".repeat(i)).append('k').append(i).append(":\n");
            }
            return yaml.append("  ".repeat(levels - 1)).append('k').append(levels - 1).append(": ").append(leaf)
                    .append('\n').toString();
        }

        @Test
        void thirtyTwoNestedBlockMappingsAreAccepted() throws Exception {
            assertInstanceOf(MappingNode.class, valueOf(compose(nestedBlockMappings(32, "leaf")), "k0"));
        }

        @Test
        void fortyNestedBlockMappingsAreRejectedAtTheThirtyThirdMapping() {
            // Mapping n (1-based) starts at key k(n-1): line n, indented 2 * (n - 1) spaces.
            // Mapping 33 starts at line 33, column 2 * 32 + 1 = 65.
            InvalidDefinitionException e = rejected(nestedBlockMappings(40, "leaf"));

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
            Node items = valueOf(compose("items: [" + "[1], ".repeat(1_000) + "[2]]"), "items");

            assertEquals(1_001, assertInstanceOf(SequenceNode.class, items).getValue().size());
        }
    }

    @Nested
    class Aliases {

        private static String collectionAliases(int count) {
            StringBuilder yaml = new StringBuilder("x: &x [1]\nall: [");
            for (int i = 0; i < count; i++) {
                yaml.append(i == 0 ? "" : ",").append("*x");
            }
            return yaml.append("]\n").toString();
        }

        @Test
        void theLimitOfAliasesToCollectionsIsAccepted() throws Exception {
            Node all = valueOf(compose(collectionAliases(YamlReader.MAX_ALIASES)), "all");

            assertEquals(YamlReader.MAX_ALIASES, assertInstanceOf(SequenceNode.class, all).getValue().size());
        }

        @Test
        void oneAliasToACollectionOverTheLimitIsRejected() {
            InvalidDefinitionException e = rejected(collectionAliases(YamlReader.MAX_ALIASES + 1));

            assertTrue(e.problem().contains("aliases"), e::describe);
            assertTrue(e.problem().contains("max=" + YamlReader.MAX_ALIASES), e::describe);
        }

        @Test
        void aliasesOfScalarsAreNotCounted() throws Exception {
            int count = 2 * YamlReader.MAX_ALIASES;
            StringBuilder yaml = new StringBuilder("x: &x 1\nall: [");
            for (int i = 0; i < count; i++) {
                yaml.append(i == 0 ? "" : ",").append("*x");
            }

            Node all = valueOf(compose(yaml.append("]\n").toString()), "all");

            assertEquals(count, assertInstanceOf(SequenceNode.class, all).getValue().size());
        }

        static Stream<Arguments> recursive() {
            return Stream.of(
                    // Positions are those of the alias: "a: &a [1, " is 10 characters.
                    Arguments.of("sequence containing itself", "a: &a [1, *a]\n", 1, 11, "a"),
                    Arguments.of("mapping containing itself", "a: &a {self: *a}\n", 1, 14, "a"),
                    Arguments.of("recursive key", "? &k [*k]\n: v\n", 1, 7, "k"),
                    Arguments.of("self reference two levels down", "a: &a\n  b:\n    c: *a\n", 3, 8, "a"),
                    Arguments.of("merge of the mapping being written", "job: &job\n  script: x\n  <<: *job\n", 3, 7,
                            "job"));
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
            Node b = valueOf(compose("a: &a [1]\nb: {c: *a, d: [*a]}\n"), "b");

            assertSame(valueOf(b, "c"), assertInstanceOf(SequenceNode.class, valueOf(b, "d")).getValue().get(0));
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
                    Arguments.of("unclosed flow sequence with CRLF", "a: 1\r\nb: [x\r\n", 3, 1, "expected ',' or ']'"),
                    Arguments.of("undefined alias", "a: *nowhere\n", 1, 4, "found undefined alias nowhere"));
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
    class SpecialCharacters {

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
                    Arguments.of("after a lone CR", "a: b\rc: d\u0000\n", 2, 5),
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

        @Test
        void aTabInsideAQuotedScalarIsText() throws Exception {
            assertEquals("x\ty", ((ScalarNode) valueOf(compose("a: \"x\ty\"\n"), "a")).getValue());
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

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"---\na: 1\n", "a: 1\n...\n", "--- \na: 1\n...\n"})
        void oneDocumentWithExplicitStartOrEndMarkersIsOneDocument(String yaml) throws Exception {
            assertEquals("1", ((ScalarNode) valueOf(compose(yaml), "a")).getValue());
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
}
