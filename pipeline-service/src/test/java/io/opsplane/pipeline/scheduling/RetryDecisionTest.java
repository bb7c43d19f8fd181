package io.opsplane.pipeline.scheduling;

import static io.opsplane.pipeline.scheduling.FailureReason.API_FAILURE;
import static io.opsplane.pipeline.scheduling.FailureReason.RUNNER_SYSTEM_FAILURE;
import static io.opsplane.pipeline.scheduling.FailureReason.SCHEDULER_FAILURE;
import static io.opsplane.pipeline.scheduling.FailureReason.SCRIPT_FAILURE;
import static io.opsplane.pipeline.scheduling.FailureReason.STUCK_OR_TIMEOUT_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryDecisionTest {

    private static final OptionalInt NO_EXIT_CODE = OptionalInt.empty();

    record Case(String name, RetryPolicy policy, FailureReason reason, OptionalInt exitCode, int retriesSoFar,
                RetryDecision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case when(String name, RetryPolicy policy, FailureReason reason, OptionalInt exitCode, int retriesSoFar,
                             boolean retry, String why) {
        return new Case(name, policy, reason, exitCode, retriesSoFar, new RetryDecision(retry, why));
    }

    private static OptionalInt exit(int code) {
        return OptionalInt.of(code);
    }

    private static List<Integer> codes(Integer... codes) {
        return Arrays.asList(codes);
    }

    static Stream<Case> decisions() {
        return Stream.of(
                when("retry: 0 disables retries", RetryPolicy.ofMax(0), SCRIPT_FAILURE, exit(1), 0,
                        false, "no retry: retry:max is 0"),
                when("retry: 2 with one retry used retries again", RetryPolicy.ofMax(2), SCRIPT_FAILURE, exit(1), 1,
                        true, "retry 2 of 2 (retry:max)"),
                when("retry: 2 with both retries used stops", RetryPolicy.ofMax(2), SCRIPT_FAILURE, exit(1), 2,
                        false, "no retry: 2 of 2 retries used (retry:max)"),
                when("retry:when names the failure reason", RetryPolicy.of(2, List.of("api_failure"), null), API_FAILURE, NO_EXIT_CODE, 0,
                        true, "retry 1 of 2 (retry:max)"),
                when("retry:when always covers any reason", RetryPolicy.of(2, List.of("always"), null), API_FAILURE, NO_EXIT_CODE, 0,
                        true, "retry 1 of 2 (retry:max)"),
                when("retry:when names other reasons", RetryPolicy.of(2, List.of("runner_system_failure", "stuck_or_timeout_failure"), null),
                        SCRIPT_FAILURE, exit(1), 0,
                        false, "no retry: retry does not cover script_failure with exit code 1"),
                when("retry:when names several reasons, one matches",
                        RetryPolicy.of(1, List.of("runner_system_failure", "stuck_or_timeout_failure"), null),
                        STUCK_OR_TIMEOUT_FAILURE, NO_EXIT_CODE, 0, true, "retry 1 of 1 (retry:max)"),
                when("retry:max overrides the built-in scheduler_failure retries",
                        RetryPolicy.of(1, List.of("scheduler_failure"), null), SCHEDULER_FAILURE, NO_EXIT_CODE, 1,
                        false, "no retry: 1 of 1 retries used (retry:max)"),
                when("retry:exit_codes lists the exit code", RetryPolicy.of(2, null, codes(255, 137)), SCRIPT_FAILURE, exit(137), 0,
                        true, "retry 1 of 2 (retry:max)"),
                when("retry:exit_codes alone does not mean always", RetryPolicy.of(2, null, codes(255)), SCRIPT_FAILURE, exit(1), 0,
                        false, "no retry: retry does not cover script_failure with exit code 1"),
                when("retry:exit_codes without an exit code", RetryPolicy.of(2, null, codes(255)), RUNNER_SYSTEM_FAILURE, NO_EXIT_CODE, 0,
                        false, "no retry: retry does not cover runner_system_failure"),
                when("when and exit_codes: both match", RetryPolicy.of(2, List.of("script_failure"), codes(3)), SCRIPT_FAILURE, exit(3), 0,
                        true, "retry 1 of 2 (retry:max)"),
                when("when and exit_codes: the exit code alone matches", RetryPolicy.of(2, List.of("script_failure"), codes(3)),
                        API_FAILURE, exit(3), 0, true, "retry 1 of 2 (retry:max)"),
                when("when and exit_codes: the reason alone matches", RetryPolicy.of(2, List.of("script_failure"), codes(1)),
                        SCRIPT_FAILURE, exit(137), 0, true, "retry 1 of 2 (retry:max)"),
                when("when and exit_codes: neither matches", RetryPolicy.of(2, List.of("script_failure"), codes(1)),
                        API_FAILURE, exit(137), 0, false, "no retry: retry does not cover api_failure with exit code 137"),
                when("no retry keyword: a script failure is not retried", RetryPolicy.none(), SCRIPT_FAILURE, exit(1), 0,
                        false, "no retry: retry:max is not set"),
                when("no retry keyword: a scheduler failure gets two built-in retries", RetryPolicy.none(), SCHEDULER_FAILURE,
                        NO_EXIT_CODE, 1, true, "retry 2 of 2 (the built-in retries of scheduler_failure)"),
                when("no retry keyword: the built-in scheduler_failure retries run out", RetryPolicy.none(), SCHEDULER_FAILURE,
                        NO_EXIT_CODE, 2, false, "no retry: 2 of 2 retries used (the built-in retries of scheduler_failure)"),
                when("a scheduler failure retry:when does not cover still gets the built-in retries",
                        RetryPolicy.of(2, List.of("script_failure"), null), SCHEDULER_FAILURE, NO_EXIT_CODE, 0,
                        true, "retry 1 of 2 (the built-in retries of scheduler_failure)"),
                when("covered, but without retry:max", RetryPolicy.of(null, List.of("script_failure"), null), SCRIPT_FAILURE, exit(1), 0,
                        false, "no retry: retry:max is not set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesLikeGitLab(Case c) {
        assertEquals(c.expected(), RetryDecision.decide(c.policy(), c.reason(), c.exitCode(), c.retriesSoFar()));
    }

    @ParameterizedTest(name = "{0} is never retried")
    @EnumSource(value = FailureReason.class, names = {"CI_QUOTA_EXCEEDED", "NO_MATCHING_RUNNER", "MISSING_DEPENDENCY_FAILURE",
            "FORWARD_DEPLOYMENT_FAILURE", "ENVIRONMENT_CREATION_FAILURE"})
    void someReasonsAreNeverRetried(FailureReason reason) {
        RetryDecision decision = RetryDecision.decide(RetryPolicy.of(2, List.of("always"), null), reason, NO_EXIT_CODE, 0);

        assertFalse(decision.retry());
        assertEquals(reason.yamlName() + " is never retried", decision.why());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FailureReason.class, names = {"CI_QUOTA_EXCEEDED", "NO_MATCHING_RUNNER", "MISSING_DEPENDENCY_FAILURE",
            "FORWARD_DEPLOYMENT_FAILURE", "ENVIRONMENT_CREATION_FAILURE"}, mode = EnumSource.Mode.EXCLUDE)
    void everyReasonRetryWhenCanNameIsRetriedWhenNamed(FailureReason reason) {
        RetryPolicy policy = RetryPolicy.of(1, List.of(reason.yamlName()), null);

        assertEquals(new RetryDecision(true, "retry 1 of 1 (retry:max)"), RetryDecision.decide(policy, reason, NO_EXIT_CODE, 0));
    }

    record Invalid(String name, Integer max, List<String> when, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidPolicies() {
        return Stream.of(
                new Invalid("max above 2", 3, null, "retry:max must be 0, 1 or 2, not 3"),
                new Invalid("negative max", -1, null, "retry:max must be 0, 1 or 2, not -1"),
                new Invalid("an unknown reason", 1, List.of("script_failure", "flaky"), "retry:when does not know \"flaky\""),
                new Invalid("a reason retry:when cannot name", 1, List.of("no_matching_runner"),
                        "retry:when does not know \"no_matching_runner\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void refusesWhatGitLabRefuses(Invalid c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetryPolicy.of(c.max(), c.when(), null));
        assertEquals(c.message(), e.getMessage());
    }

    record Parsed(String name, RetryPolicy policy, RetryPolicy expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Parsed> parsedPolicies() {
        return Stream.of(
                new Parsed("no retry keyword means when: always without max", RetryPolicy.none(),
                        new RetryPolicy(OptionalInt.empty(), true, Set.of(), Set.of())),
                new Parsed("retry: 2", RetryPolicy.ofMax(2),
                        new RetryPolicy(OptionalInt.of(2), true, Set.of(), Set.of())),
                new Parsed("exit_codes without when does not default to always", RetryPolicy.of(1, null, List.of(137)),
                        new RetryPolicy(OptionalInt.of(1), false, Set.of(), Set.of(137))),
                new Parsed("when with always and a reason", RetryPolicy.of(1, List.of("always", "api_failure"), null),
                        new RetryPolicy(OptionalInt.of(1), true, Set.of(API_FAILURE), Set.of())),
                new Parsed("an empty when list covers nothing", RetryPolicy.of(2, List.of(), null),
                        new RetryPolicy(OptionalInt.of(2), false, Set.of(), Set.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsedPolicies")
    void readsTheRetryKeyword(Parsed c) {
        assertEquals(c.expected(), c.policy());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FailureReason.class)
    void failureReasonsKeepGitLabsNames(FailureReason reason) {
        assertEquals(Optional.of(reason), FailureReason.fromYamlName(reason.yamlName()));
        assertEquals(reason.name().toLowerCase(Locale.ROOT), reason.yamlName());
    }
}
