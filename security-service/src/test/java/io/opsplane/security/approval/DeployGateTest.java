package io.opsplane.security.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployGateTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = T0.plus(Duration.ofMinutes(10));
    private static final Duration TTL = Duration.ofHours(1);
    private static final DeploymentTarget WEB_TO_PROD = new DeploymentTarget("prod", DeployAction.CREATE,
            "application:web");
    private static final AllowList DEPLOYERS = AllowList.of(List.of("dana"), List.of("release-team"));
    private static final EnvironmentProtection ONE = new EnvironmentProtection("prod", 1, DEPLOYERS, AllowList.EMPTY);
    private static final EnvironmentProtection TWO = new EnvironmentProtection("prod", 2, DEPLOYERS, AllowList.EMPTY);
    private static final EnvironmentProtection SRE_APPROVES = new EnvironmentProtection("prod", 1, DEPLOYERS,
            AllowList.of(List.of(), List.of("sre")));

    /** Dana's request for web to prod, after the given steps. */
    private static Optional<ApprovalRequest> danas(int required, UnaryOperator<ApprovalRequest> steps) {
        return requestOf("dana", required, steps);
    }

    private static Optional<ApprovalRequest> requestOf(String requester, int required,
            UnaryOperator<ApprovalRequest> steps) {
        return Optional.of(steps.apply(ApprovalRequest.open("r1", WEB_TO_PROD, "release", requester, required, T0, TTL)));
    }

    private static UnaryOperator<ApprovalRequest> approvedBy(String... approvers) {
        return request -> {
            for (String approver : approvers) {
                request = request.approve(approver, Set.of(approver.equals("olga") ? "sre" : "qa"), "", T0.plusSeconds(1));
            }
            return request;
        };
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("unprotected, no request", Optional.empty(), "anyone", Set.of(), Optional.empty(),
                        true, "environment prod is not protected"),
                Arguments.of("unprotected, a request is not needed and not used", Optional.empty(), "dana", Set.of(),
                        danas(1, approvedBy("olga")), true, "not protected"),
                Arguments.of("listed deployer with an approved request", Optional.of(ONE), "dana", Set.of(),
                        danas(1, approvedBy("olga")), true, "approved by olga"),
                Arguments.of("deployer by group", Optional.of(ONE), "dana", Set.of("release-team"),
                        danas(1, approvedBy("olga")), true, "approved by olga"),
                Arguments.of("not allowed to deploy, even with an approval", Optional.of(ONE), "mallory",
                        Set.of("qa"), requestOf("mallory", 1, approvedBy("olga")), false, "mallory is not allowed to deploy to environment prod"),
                Arguments.of("someone else's approved request", Optional.of(ONE), "erin", Set.of("release-team"),
                        danas(1, approvedBy("olga")), false, "was made by dana, not by erin"),
                Arguments.of("protected, no request", Optional.of(ONE), "dana", Set.of(), Optional.empty(), false,
                        "needs an approved approval request with 1 approval(s)"),
                Arguments.of("pending", Optional.of(TWO), "dana", Set.of(), danas(2, approvedBy("olga")), false,
                        "is pending with 1 of 2 approval(s)"),
                Arguments.of("rejected", Optional.of(ONE), "dana", Set.of(),
                        danas(1, r -> r.reject("pat", Set.of(), "no", T0)), false, "was rejected by pat"),
                Arguments.of("approved, then rejected", Optional.of(ONE), "dana", Set.of(),
                        danas(1, r -> approvedBy("olga").apply(r).reject("pat", Set.of(), "wait", T0.plusSeconds(2))),
                        false, "was rejected by pat"),
                Arguments.of("used", Optional.of(ONE), "dana", Set.of(),
                        danas(1, r -> approvedBy("olga").apply(r).use(T0.plusSeconds(3))), false,
                        "was already used by a deployment"),
                Arguments.of("tightened after approval: 1 of 2", Optional.of(TWO), "dana", Set.of(),
                        danas(1, approvedBy("olga")), false, "has 1 approval(s) that environment prod"),
                Arguments.of("tightened, then approved again", Optional.of(TWO), "dana", Set.of(),
                        danas(1, approvedBy("olga", "pat")), true, "approved by olga, pat"),
                Arguments.of("approver no longer on the approver list", Optional.of(SRE_APPROVES), "dana", Set.of(),
                        danas(1, approvedBy("pat")), false, "has 0 approval(s)"),
                Arguments.of("approver on the approver list by group", Optional.of(SRE_APPROVES), "dana", Set.of(),
                        danas(1, approvedBy("olga")), true, "approved by olga"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String scenario, Optional<EnvironmentProtection> protection, String requester, Set<String> groups,
            Optional<ApprovalRequest> request, boolean allowed, String reason) {
        GateDecision decision = DeployGate.decide(protection, requester, groups, WEB_TO_PROD, request, LATER);

        assertEquals(allowed, decision.allowed(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
        assertEquals(allowed && protection.isPresent(), decision.consumesRequest());
    }

    static Stream<Arguments> otherTargets() {
        return Stream.of(
                Arguments.of(new DeploymentTarget("prod", DeployAction.PROMOTE, "application:web")),
                Arguments.of(new DeploymentTarget("prod", DeployAction.CREATE, "application:api")),
                Arguments.of(new DeploymentTarget("prod-eu", DeployAction.CREATE, "application:web")));
    }

    @ParameterizedTest
    @MethodSource("otherTargets")
    void anApprovalCoversExactlyItsTarget(DeploymentTarget other) {
        EnvironmentProtection everyProd = new EnvironmentProtection("prod*", 1, DEPLOYERS, AllowList.EMPTY);

        GateDecision decision = DeployGate.decide(Optional.of(everyProd), "dana", Set.of(), other,
                danas(1, approvedBy("olga")), LATER);

        assertEquals(false, decision.allowed());
        assertTrue(decision.reason().contains("is for deployments:create of application:web to prod, not for"),
                decision.reason());
    }

    @Test
    void anExpiredApprovalIsDeniedEvenIfApproved() {
        GateDecision decision = DeployGate.decide(Optional.of(ONE), "dana", Set.of(), WEB_TO_PROD,
                danas(1, approvedBy("olga")), T0.plus(TTL));

        assertEquals(false, decision.allowed());
        assertTrue(decision.reason().contains("expired at 2026-03-01T11:00:00Z"), decision.reason());
    }

    @Test
    void aStoredSelfApprovalNeverCounts() {
        // Only reachable through storage, since approve() refuses it: the gate must not trust it either.
        Review self = new Review("dana", Set.of(), Verdict.APPROVE, "", T0);
        ApprovalRequest forged = new ApprovalRequest("r1", WEB_TO_PROD, "", "dana", 1, T0, T0.plus(TTL),
                ApprovalState.APPROVED, List.of(self), null);

        GateDecision decision = DeployGate.decide(Optional.of(ONE), "dana", Set.of(), WEB_TO_PROD, Optional.of(forged),
                LATER);

        assertEquals(false, decision.allowed());
        assertTrue(decision.reason().contains("has 0 approval(s)"), decision.reason());
    }

    @Test
    void aProtectionOfAnotherEnvironmentIsAMistakeOfTheCaller() {
        EnvironmentProtection staging = new EnvironmentProtection("staging", 1, DEPLOYERS, AllowList.EMPTY);

        assertThrows(IllegalArgumentException.class, () -> DeployGate.decide(Optional.of(staging), "dana", Set.of(),
                WEB_TO_PROD, Optional.empty(), LATER));
    }
}
