package io.opsplane.security.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalRequestTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);
    private static final DeploymentTarget WEB_TO_PROD = new DeploymentTarget("prod", DeployAction.CREATE,
            "application:web");

    private static ApprovalRequest requestNeeding(int approvals) {
        return ApprovalRequest.open("r1", WEB_TO_PROD, "release 1.4", "dana", approvals, T0, TTL);
    }

    /**
     * Steps separated by spaces, each at one minute after the one before: {@code approve:NAME},
     * {@code reject:NAME}, {@code use}, {@code wait} (an hour). The last column is the state after all
     * steps, or the failure of the first step that fails: {@code refused} (not allowed for this
     * person) or {@code closed} (not allowed in this state).
     */
    @ParameterizedTest(name = "{0} approval(s): {1} → {2}")
    @CsvSource({
        "1, '', pending",
        "1, approve:olga, approved",
        "2, approve:olga, pending",
        "2, approve:olga approve:olga, pending",
        "2, approve:olga approve:pat, approved",
        "2, approve:olga approve:pat approve:quinn, approved",
        "1, approve:dana, refused",
        "1, reject:dana, refused",
        "1, reject:olga, rejected",
        "2, approve:olga reject:pat, rejected",
        "1, approve:olga reject:pat, rejected",
        "1, approve:olga reject:olga, rejected",
        "1, reject:olga approve:pat, closed",
        "1, reject:olga reject:pat, closed",
        "1, wait, expired",
        "1, approve:olga wait, expired",
        "1, wait approve:olga, closed",
        "1, wait reject:olga, closed",
        "1, approve:olga use, used",
        "1, use, closed",
        "2, approve:olga use, closed",
        "1, approve:olga wait use, closed",
        "1, reject:olga use, closed",
        "1, approve:olga use use, closed",
        "1, approve:olga use approve:pat, closed",
        "1, approve:olga use reject:pat, closed"})
    void theStateMachine(int required, String steps, String expected) {
        ApprovalRequest request = requestNeeding(required);
        Instant now = T0;
        String outcome;
        try {
            for (String step : steps.isBlank() ? new String[0] : steps.split(" ")) {
                now = now.plus(Duration.ofMinutes(1));
                String[] parts = step.split(":");
                request = switch (parts[0]) {
                    case "approve" -> request.approve(parts[1], Set.of(), "ok", now);
                    case "reject" -> request.reject(parts[1], Set.of(), "not now", now);
                    case "use" -> request.use(now);
                    case "wait" -> {
                        now = now.plus(TTL);
                        yield request;
                    }
                    default -> throw new IllegalArgumentException(step);
                };
            }
            outcome = request.stateAt(now).label();
        } catch (ApprovalRefusedException e) {
            outcome = "refused";
        } catch (ApprovalClosedException e) {
            outcome = "closed";
        }
        assertEquals(expected, outcome);
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        ApprovalRefusedException e = assertThrows(ApprovalRefusedException.class,
                () -> requestNeeding(1).approve("dana", Set.of("sre"), "", T0));

        assertEquals("the requester cannot approve their own request", e.getMessage());
    }

    @Test
    void theSameApproverTwiceCountsOnceAndChangesNothing() {
        ApprovalRequest once = requestNeeding(2).approve("olga", Set.of(), "", T0);
        ApprovalRequest twice = once.approve("olga", Set.of(), "again", T0.plusSeconds(5));

        assertSame(once, twice);
        assertEquals(Set.of("olga"), twice.approvers());
        assertEquals(ApprovalState.PENDING, twice.state());
    }

    @Test
    void expiryComesFromTheClockAtTheLastInstant() {
        ApprovalRequest request = requestNeeding(1);

        assertEquals(ApprovalState.PENDING, request.stateAt(T0.plus(TTL).minusMillis(1)));
        assertEquals(ApprovalState.EXPIRED, request.stateAt(T0.plus(TTL)));
        assertEquals(ApprovalState.PENDING, request.state());
    }

    @Test
    void aClosedRequestSaysWhyInItsMessage() {
        ApprovalRequest rejected = requestNeeding(1).reject("olga", Set.of(), "", T0);

        ApprovalClosedException e = assertThrows(ApprovalClosedException.class,
                () -> rejected.approve("pat", Set.of(), "", T0));

        assertEquals("approval request r1 is rejected and can no longer be approved", e.getMessage());
    }

    @Test
    void usingRecordsWhenAndKeepsTheReviews() {
        ApprovalRequest approved = requestNeeding(1).approve("olga", Set.of("sre"), "looks good", T0);
        ApprovalRequest used = approved.use(T0.plusSeconds(30));

        assertNull(approved.usedAt());
        assertEquals(T0.plusSeconds(30), used.usedAt());
        assertEquals(ApprovalState.USED, used.state());
        assertEquals(List.of(new Review("olga", Set.of("sre"), Verdict.APPROVE, "looks good", T0)), used.reviews());
    }

    @Test
    void summariesAndCommentsAreBoundedText() {
        assertThrows(IllegalArgumentException.class, () -> ApprovalRequest.open("r", WEB_TO_PROD, "x".repeat(1001),
                "dana", 1, T0, TTL));
        assertThrows(IllegalArgumentException.class, () -> requestNeeding(1).approve("olga", Set.of(), "bell\u0007",
                T0));
        assertEquals("trimmed", ApprovalRequest.open("r", WEB_TO_PROD, "  trimmed \n", "dana", 1, T0, TTL).summary());
    }

    @ParameterizedTest(name = "{0} s → {1}")
    @CsvSource({"0, PT24H", "1, PT1S", "604800, PT168H"})
    void lifetimesDefaultAndStayUnderTheMaximum(long seconds, Duration expected) {
        ApprovalLifetime lifetime = new ApprovalLifetime(Duration.ofHours(24), Duration.ofDays(7));

        assertEquals(expected, lifetime.ttl(seconds));
        assertThrows(IllegalArgumentException.class, () -> lifetime.ttl(-1));
        assertThrows(IllegalArgumentException.class, () -> lifetime.ttl(604801));
    }

    @ParameterizedTest
    @CsvSource({"deployments:create, CREATE", "deployments:promote, PROMOTE"})
    void actionsAreNamedByTheirPermission(String permission, DeployAction expected) {
        assertEquals(expected, DeployAction.ofPermission(permission));
        assertEquals(permission, expected.permission());
    }

    @Test
    void otherActionsAreRefusedNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeployAction.ofPermission("deployments:rollback"));

        assertEquals("action must be one of deployments:create, deployments:promote, not 'deployments:rollback'",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"prod, web", "prod, 'application:'", "prod eu, application:web", "prod, Application:web",
        "prod, 'application:web app'"})
    void targetsNeedANameAndAKindedResource(String environment, String resource) {
        assertThrows(IllegalArgumentException.class, () -> new DeploymentTarget(environment, DeployAction.CREATE,
                resource));
    }
}
