package io.opsplane.pipeline.definition.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleExpressionTest {

    /** "A=x;B=;C=y" → {A: x, B: "", C: y}; "-" is no variable at all. */
    private static Map<String, String> vars(String spec) {
        Map<String, String> variables = new HashMap<>();
        if (spec.equals("-")) {
            return variables;
        }
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            variables.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return variables;
    }

    static Stream<Arguments> evaluations() {
        return Stream.of(
                // presence: defined and not empty
                Arguments.of("$A", "A=x", true),
                Arguments.of("$A", "A=", false),
                Arguments.of("$A", "A=  ", false),
                Arguments.of("$A", "-", false),
                Arguments.of("$A", "B=x", false),
                // equality with strings, in either quote
                Arguments.of("$A == \"main\"", "A=main", true),
                Arguments.of("$A == 'main'", "A=main", true),
                Arguments.of("$A == \"main\"", "A=Main", false),
                Arguments.of("$A == \"main\"", "-", false),
                Arguments.of("$A != \"main\"", "-", true),
                Arguments.of("$A != \"main\"", "A=dev", true),
                Arguments.of("$A != \"main\"", "A=main", false),
                Arguments.of("\"a\" == \"a\"", "-", true),
                Arguments.of("$A == \"\"", "A=", true),
                Arguments.of("$A == \"\"", "-", false),
                // null
                Arguments.of("$A == null", "-", true),
                Arguments.of("$A == null", "A=", false),
                Arguments.of("$A != null", "A=", true),
                Arguments.of("$A != null", "-", false),
                Arguments.of("null == $A", "-", true),
                // two variables
                Arguments.of("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", "CI_COMMIT_BRANCH=main;CI_DEFAULT_BRANCH=main",
                        true),
                Arguments.of("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", "CI_COMMIT_BRANCH=dev;CI_DEFAULT_BRANCH=main",
                        false),
                Arguments.of("$A == $B", "-", true),
                Arguments.of("$A != $B", "A=x", true),
                // patterns
                Arguments.of("$A =~ /^release-/", "A=release-1", true),
                Arguments.of("$A =~ /^release-/", "A=pre-release-1", false),
                Arguments.of("$A =~ /rel/", "A=pre-release", true),
                Arguments.of("$A =~ /^MAIN$/i", "A=main", true),
                Arguments.of("$A =~ /^MAIN$/", "A=main", false),
                Arguments.of("$A !~ /^(1|yes|true)$/", "A=0", true),
                Arguments.of("$A !~ /^(1|yes|true)$/", "A=yes", false),
                Arguments.of("$A !~ /^(1|yes|true)$/", "-", true),
                Arguments.of("$A =~ /^(1|yes|true)$/", "-", false),
                Arguments.of("$A =~ /^$/", "-", true),
                Arguments.of("$A =~ /^$/", "A=x", false),
                Arguments.of("$A =~ /^patch-queue\\/.*/", "A=patch-queue/x", true),
                Arguments.of("$A =~ /\\Av[0-9]+\\.[0-9]+\\.[0-9]+(-rc[0-9]+)?\\z/", "A=v1.2.3-rc4", true),
                Arguments.of("$A =~ /\\Av[0-9]+\\.[0-9]+\\.[0-9]+(-rc[0-9]+)?\\z/", "A=v1.2.3-rc4x", false),
                Arguments.of("$A =~ /^a.b$/s", "A=a\nb", true),
                Arguments.of("$A =~ /^b$/m", "A=a\nb", true),
                Arguments.of("$A =~ /^b$/", "A=a\nb", false),
                // a pattern held in a variable
                Arguments.of("$A =~ $P", "A=feature/x;P=/^feature\\//", true),
                Arguments.of("$A =~ $P", "A=main;P=/^feature\\//", false),
                Arguments.of("$A !~ $P", "A=main;P=/^feature/", true),
                Arguments.of("$A =~ $P", "A=main", false),
                Arguments.of("$A !~ $P", "A=main", true),
                Arguments.of("$A =~ $P", "A=ai;P=main", true),
                Arguments.of("$A =~ $P", "A=x;P=/(/", false),
                // && binds tighter than ||
                Arguments.of("$A || $B && $C", "A=1", true),
                Arguments.of("$A || $B && $C", "B=1", false),
                Arguments.of("($A || $B) && $C", "A=1", false),
                Arguments.of("($A || $B) && $C", "B=1;C=1", true),
                Arguments.of("$A && $B || $C", "C=1", true),
                Arguments.of("$A && ($B || $C)", "C=1", false),
                Arguments.of("((($A)))", "A=1", true),
                // Ruby's && and || return an operand; only the final value must be present
                Arguments.of("$A && $B", "A=;B=x", true),
                Arguments.of("$A || $B", "A=;B=x", false),
                Arguments.of("$A || $B", "B=x", true),
                // corpus expressions
                Arguments.of("$CI_PIPELINE_SOURCE == \"schedules\" || $CI_PIPELINE_SOURCE == \"web\"",
                        "CI_PIPELINE_SOURCE=web", true),
                Arguments.of("$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS && $CI_PIPELINE_SOURCE == \"push\"",
                        "CI_COMMIT_BRANCH=dev;CI_OPEN_MERGE_REQUESTS=x!1;CI_PIPELINE_SOURCE=push", true),
                Arguments.of("$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS && $CI_PIPELINE_SOURCE == \"push\"",
                        "CI_COMMIT_BRANCH=dev;CI_PIPELINE_SOURCE=push", false),
                Arguments.of("$CI_PROJECT_NAMESPACE == \"gstreamer\" && $CI_COMMIT_BRANCH == $GST_UPSTREAM_BRANCH "
                        + "&& $CI_JOB_STAGE != \"integrate\"",
                        "CI_PROJECT_NAMESPACE=gstreamer;CI_COMMIT_BRANCH=main;GST_UPSTREAM_BRANCH=main;"
                                + "CI_JOB_STAGE=preparation", true),
                Arguments.of("$CI_PIPELINE_SOURCE == \"trigger\" &&\n      $CI_GLIB_HOOK_EVENT_TYPE != \"\"",
                        "CI_PIPELINE_SOURCE=trigger;CI_GLIB_HOOK_EVENT_TYPE=merge_request", true),
                Arguments.of("$CI_PIPELINE_SOURCE == \"trigger\" && $CI_GLIB_HOOK_EVENT_TYPE == \"merge_request\" && "
                        + "($CI_GLIB_MR_ACTION == \"open\" || $CI_GLIB_MR_ACTION == \"update\") && "
                        + "$CI_GLIB_MR_STATE == \"opened\"",
                        "CI_PIPELINE_SOURCE=trigger;CI_GLIB_HOOK_EVENT_TYPE=merge_request;CI_GLIB_MR_ACTION=update;"
                                + "CI_GLIB_MR_STATE=opened", true),
                Arguments.of("$CI_PROJECT_NAMESPACE !~ /^gitlab-org($|\\/)/", "CI_PROJECT_NAMESPACE=gitlab-org/sec",
                        false),
                Arguments.of("$CI_PROJECT_NAMESPACE !~ /^gitlab-org($|\\/)/", "CI_PROJECT_NAMESPACE=gitlab-orgx",
                        true),
                Arguments.of("$CI_COMMIT_TAG != null && $SALSA_CI_ENABLE_PIPELINE_ON_TAGS !~ /^(1|yes|true)$/",
                        "CI_COMMIT_TAG=v1", true),
                Arguments.of("$SALSA_CI_IGNORED_BRANCHES && $CI_COMMIT_REF_NAME =~ $SALSA_CI_IGNORED_BRANCHES",
                        "SALSA_CI_IGNORED_BRANCHES=/^wip-/;CI_COMMIT_REF_NAME=wip-1", true),
                Arguments.of("$REPO_REBASE_BRANCHES != \"\" && $REPO_REBASE_BRANCHES != null && "
                        + "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", "REPO_REBASE_BRANCHES=a;CI_COMMIT_BRANCH=m;"
                        + "CI_DEFAULT_BRANCH=m", true),
                Arguments.of("($CI_DEFAULT_BRANCH == $CI_COMMIT_BRANCH && $CI_PROJECT_NAMESPACE == \"GNOME\")",
                        "CI_DEFAULT_BRANCH=main;CI_COMMIT_BRANCH=main;CI_PROJECT_NAMESPACE=GNOME", true),
                Arguments.of("$CI_COMMIT_BRANCH == $KUBERNETES_DEPLOY_BRANCH || ($CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
                        + " && $KUBERNETES_DEPLOY_BRANCH == \"\")", "CI_COMMIT_BRANCH=main;CI_DEFAULT_BRANCH=main;"
                        + "KUBERNETES_DEPLOY_BRANCH=", true));
    }

    @org.junit.jupiter.api.Test
    void aPatternThatBacktracksTooLongCountsAsNotFound() {
        String text = "a".repeat(40) + "!";
        RuleExpression matches = RuleExpression.parse("$A =~ /^(a+)+$/");

        long start = System.nanoTime();
        assertEquals(false, matches.evaluate(Map.of("A", text)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "took too long");
        assertEquals(true, matches.evaluate(Map.of("A", "aaaa")));
    }

    @ParameterizedTest(name = "[{index}] {0} with {1} → {2}")
    @MethodSource("evaluations")
    void evaluatesAsGitlabDoes(String source, String variables, boolean expected) {
        assertEquals(expected, RuleExpression.parse(source).evaluate(vars(variables)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", 1, "the expression is empty"),
                Arguments.of("   ", 1, "the expression is empty"),
                Arguments.of("$", 1, "'$' must be followed by a variable name"),
                Arguments.of("${A} == \"x\"", 1, "the ${NAME} form is not an expression variable"),
                Arguments.of("$A == \"x", 7, "the string is not closed"),
                Arguments.of("$A == 'x", 7, "the string is not closed"),
                Arguments.of("$A =~ /x", 7, "the /pattern/ is not closed"),
                Arguments.of("$A =~ /x/q", 7, "unknown pattern flag 'q'"),
                Arguments.of("$A =~ /x/U", 7, "the flag U (ungreedy) is not supported"),
                Arguments.of("$A =~ /(/", 7, "invalid regular expression"),
                Arguments.of("$A =~ /^(?!main)/", 7, "a lookahead"),
                Arguments.of("$A =~ /(?<=a)b/", 7, "a lookbehind"),
                Arguments.of("$A =~ /(a)\\1/", 7, "a backreference"),
                Arguments.of("$A =~ /a++/", 7, "a possessive quantifier"),
                Arguments.of("$A =~ /a\\Z/", 7, "\\Z"),
                Arguments.of("$A ==", 6, "expected a $VARIABLE"),
                Arguments.of("== $A", 1, "expected a $VARIABLE"),
                Arguments.of("$A $B", 4, "expected && or ||"),
                Arguments.of("$A && ", 7, "expected a $VARIABLE"),
                Arguments.of("($A", 4, "expected ')' to close the '(' at character 1"),
                Arguments.of("$A)", 3, "unexpected ')'"),
                Arguments.of("$A = \"x\"", 4, "unexpected '='"),
                Arguments.of("$A == main", 7, "unexpected 'main'"),
                Arguments.of("$A === \"x\"", 6, "unexpected '='"),
                Arguments.of("!$A", 1, "unexpected '!$A'"),
                Arguments.of("$A == \"x\" and $B", 11, "unexpected 'and'"),
                Arguments.of("(".repeat(60) + "$A" + ")".repeat(60), 51, "nested deeper than 50"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void refusesWithTheCharacterOfTheProblem(String source, int character, String fragment) {
        InvalidExpressionException e = assertThrows(InvalidExpressionException.class,
                () -> RuleExpression.parse(source));

        assertEquals(character, e.character(), e::getMessage);
        assertTrue(e.reason().contains(fragment), e::getMessage);
        assertTrue(e.getMessage().startsWith("at character " + character + ": "), e::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$CI_PIPELINE_SOURCE == 'merge_request_event'",
        "$CI_MERGE_REQUEST_SOURCE_PROJECT_PATH != null && $CI_MERGE_REQUEST_SOURCE_PROJECT_PATH !~ /^gitlab-org($|\\/)/",
        "$CI_COMMIT_REF_NAME =~ /\\A[0-9]+-[0-9]+-stable\\z/ && ($CI_PROJECT_PATH == \"gitlab-org/gitlab-runner\" || "
                + "$CI_PROJECT_PATH == \"gitlab-org/security/gitlab-runner\")",
        "$CI_COMMIT_TAG =~ /^v[0-9]+\\.[0-9]+\\.[0-9]+(-rc[0-9]+)?$/ && $CI_PROJECT_PATH == \"gitlab-org/gitlab-runner\"",
        "$CI_MERGE_REQUEST_ASSIGNEES != \"gstreamer-merge-bot\"",
        "$CI_COMMIT_BRANCH =~ /^gnome-[0-9-]+$/",
        "$CI_MERGE_REQUEST_SOURCE_BRANCH_NAME =~ /.*installed-tests.*/",
        "$BUILD_ARCH == $HOST_ARCH",
        "$CI_SERVER_HOST == \"gitlab.com\" && ($CI_MERGE_REQUEST_SOURCE_PROJECT_PATH == \"gitlab-org/gitlab-runner\" || "
                + "$CI_MERGE_REQUEST_SOURCE_PROJECT_PATH == \"gitlab-community/gitlab-org/gitlab-runner\")",
        "$A =~ /[\\/]x/",
        "$A =~ /[]x]/",
        "/x/",
        "\"x\""
    })
    void parsesRealWorldExpressions(String source) {
        assertDoesNotThrow(() -> RuleExpression.parse(source));
        assertEquals(source, RuleExpression.parse(source).source());
    }
}
