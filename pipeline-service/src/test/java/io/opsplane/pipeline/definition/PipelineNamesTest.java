package io.opsplane.pipeline.definition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class PipelineNamesTest {

    static Stream<String> validNames() {
        return Stream.of(
                "a",
                "0",
                "build",
                "deploy-prod",
                "my-pipeline-2",
                "a--b",
                "1st",
                "a".repeat(63),
                "a" + "-".repeat(61) + "b");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("validNames")
    void dnsLabelsAreAccepted(String name) {
        assertTrue(PipelineNames.isValid(name));
    }

    static Stream<String> invalidNames() {
        return Stream.of(
                "Build",
                "BUILD",
                "buIld",
                "-build",
                "build-",
                "-",
                "a".repeat(64),
                "a" + "-".repeat(62) + "b",
                "../x",
                "..",
                "a/b",
                "a b",
                " build",
                "build ",
                "build\n",
                "build\u0000",
                "pipe_line",
                "pipe.line",
                "caf\u00e9",
                "\u0430pple",
                "build\u200b",
                "\uD83D\uDE80");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalidNames")
    void anythingElseIsRejected(String name) {
        assertFalse(PipelineNames.isValid(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreRejected(String name) {
        assertFalse(PipelineNames.isValid(name));
    }

    @Test
    void sixtyThreeIsTheLongestAcceptedLength() {
        assertTrue(PipelineNames.isValid("a".repeat(63)));
        assertFalse(PipelineNames.isValid("a".repeat(64)));
    }

    @Test
    void explanationStatesTheRule() {
        String explanation = PipelineNames.explain();

        assertTrue(explanation.contains("63"), explanation);
        assertTrue(explanation.contains("lowercase"), explanation);
    }
}
