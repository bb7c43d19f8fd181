package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class SecretPolicyTest {

    private static final String NAME_RULE = "secret name must be 1 to 128 letters, digits or underscores, not "
            + "starting with a digit, so that jobs can use it as an environment variable";
    private static final String SCOPE_RULE = "secret scope must be 'global', 'project:<name>', 'pipeline:<name>' "
            + "or 'environment:<name>', where <name> is 1 to 128 letters, digits or '._-', starting with a letter "
            + "or digit";

    @Nested
    class Names {

        static Stream<String> accepted() {
            return Stream.of("A", "a", "_", "_PRIVATE", "DB_PASSWORD", "db_password", "Token2", "X1_2_3",
                    "__", "A".repeat(128), "_" + "9".repeat(127));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("accepted")
        void anEnvironmentVariableNameIsAccepted(String name) {
            assertSame(name, SecretPolicy.checkName(name));
        }

        static Stream<String> rejected() {
            return Stream.of("1PASSWORD", "9", "DB-PASSWORD", "DB.PASSWORD", "DB PASSWORD", " DB", "DB ", "DB\n",
                    "DB\0", "A".repeat(129), "PASS=WORD", "PASS$", "ÄPFEL", "K\u00e9Y", "\u0391LPHA", "path/name",
                    "a:b");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("rejected")
        @NullAndEmptySource
        void anythingElseIsRejectedWithoutQuotingIt(String name) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretPolicy.checkName(name));

            assertEquals(NAME_RULE, e.getMessage());
        }
    }

    @Nested
    class Scopes {

        static Stream<String> accepted() {
            return Stream.of("global", "project:shop", "project:Shop-2", "pipeline:build.release",
                    "pipeline:a", "environment:prod", "environment:eu-west_1", "project:9lives",
                    "project:" + "a".repeat(128));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("accepted")
        void aKnownKindOfScopeWithASaneNameIsAccepted(String scope) {
            assertSame(scope, SecretPolicy.checkScope(scope));
        }

        static Stream<String> rejected() {
            return Stream.of("Global", "GLOBAL", "global:", "global:x", " global", "global ", "global\n",
                    "project", "project:", "project::shop", "project:-shop", "project:.shop", "project:_shop",
                    "project:shop/app", "project:shop app", "project:" + "a".repeat(129), "project:caf\u00e9",
                    "Project:shop", "team:shop", "pipeline", "pipeline:", "environment", "environment:",
                    "environment:prod\n", "env:prod", "organisation:acme", "project:shop\0");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("rejected")
        @NullAndEmptySource
        void anythingElseIsRejectedWithoutQuotingIt(String scope) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretPolicy.checkScope(scope));

            assertEquals(SCOPE_RULE, e.getMessage());
        }
    }

    @Nested
    class Values {

        static Stream<String> accepted() {
            return Stream.of("abcdefgh", "12345678", "        ", "pass word", "line\nbreak", "\uD83D\uDD11".repeat(8),
                    "密码密码密码密码", "x".repeat(65_536), "\uD83D\uDD11".repeat(65_536), "-----BEGIN KEY-----\n");
        }

        @ParameterizedTest(name = "[{index}]")
        @MethodSource("accepted")
        void aValueOf8To65536CharactersWithoutNulIsAccepted(String value) {
            assertSame(value, SecretPolicy.checkValue(value));
        }

        static Stream<Arguments> rejected() {
            String tooShort = "secret value must be at least 8 characters: shorter values cannot be masked reliably "
                    + "in job logs";
            String tooLong = "secret value must be at most 65536 characters";
            String nul = "secret value must not contain U+0000";
            return Stream.of(
                    Arguments.of("empty", "", tooShort),
                    Arguments.of("one character", "p", tooShort),
                    Arguments.of("seven characters", "hunter2", tooShort),
                    Arguments.of("seven characters in eight UTF-16 units", "\uD83D\uDD11abcdef", tooShort),
                    Arguments.of("one character over", "x".repeat(65_537), tooLong),
                    Arguments.of("one wide character over", "\uD83D\uDD11".repeat(65_537), tooLong),
                    Arguments.of("far over", "x".repeat(1_000_000), tooLong),
                    Arguments.of("NUL inside", "password\0suffix", nul),
                    Arguments.of("NUL first", "\0password", nul),
                    Arguments.of("NUL last", "password\0", nul),
                    Arguments.of("NUL only", "\0", nul));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("rejected")
        void aValueOutsideTheRulesIsRejectedWithoutQuotingIt(String what, String value, String message) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretPolicy.checkValue(value));

            assertEquals(message, e.getMessage());
            // Values of a few characters may occur in any sentence; longer ones must not be quoted.
            if (value.length() >= 4) {
                assertFalse(e.getMessage().contains(value));
            }
        }

        @ParameterizedTest(name = "[{index}]")
        @NullAndEmptySource
        void aMissingValueIsRejected(String value) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretPolicy.checkValue(value));

            assertEquals(value == null ? "secret value is required"
                    : "secret value must be at least 8 characters: shorter values cannot be masked reliably in job logs",
                    e.getMessage());
        }
    }
}
