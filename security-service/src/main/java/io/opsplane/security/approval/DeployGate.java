package io.opsplane.security.approval;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a deployment may go ahead on separation-of-duties grounds (the caller's permissions are
 * checked before). An unprotected environment lets it through. A protected one needs a requester
 * who is allowed to deploy there and who holds, for exactly this target, an approved request that is
 * neither expired nor used, with enough approvals from approvers that the protection accepts now.
 */
public final class DeployGate {

    private DeployGate() {
    }

    public static GateDecision decide(Optional<EnvironmentProtection> protection, String requester,
            Set<String> requesterGroups, DeploymentTarget target, Optional<ApprovalRequest> request, Instant now) {
        if (protection.isEmpty()) {
            return GateDecision.allow("environment " + target.environment() + " is not protected", false);
        }
        EnvironmentProtection rule = protection.get();
        if (!rule.governs(target.environment())) {
            throw new IllegalArgumentException("protection " + rule.pattern() + " does not govern environment "
                    + target.environment());
        }
        String where = "environment " + target.environment() + " (protected by " + rule.pattern() + ")";
        if (!rule.allowsToDeploy(requester, requesterGroups)) {
            return GateDecision.deny(requester + " is not allowed to deploy to " + where);
        }
        if (request.isEmpty()) {
            return GateDecision.deny(where + " needs an approved approval request with " + rule.requiredApprovals()
                    + " approval(s)");
        }
        ApprovalRequest approval = request.get();
        if (!approval.requester().equals(requester)) {
            return GateDecision.deny("approval request " + approval.id() + " was made by " + approval.requester()
                    + ", not by " + requester);
        }
        if (!approval.target().equals(target)) {
            return GateDecision.deny("approval request " + approval.id() + " is for " + approval.target() + ", not for "
                    + target);
        }
        ApprovalState state = approval.stateAt(now);
        switch (state) {
            case USED:
                return GateDecision.deny("approval request " + approval.id() + " was already used by a deployment at "
                        + approval.usedAt() + "; each approval allows one deployment");
            case EXPIRED:
                return GateDecision.deny("approval request " + approval.id() + " expired at " + approval.expiresAt());
            case REJECTED:
                return GateDecision.deny("approval request " + approval.id() + " was rejected by "
                        + approval.rejection().map(Review::approver).orElse("an approver"));
            case PENDING:
                return GateDecision.deny("approval request " + approval.id() + " is pending with "
                        + approval.approvers().size() + " of " + approval.requiredApprovals() + " approval(s)");
            default:
                break;
        }
        Set<String> accepted = acceptedApprovers(rule, approval);
        if (accepted.size() < rule.requiredApprovals()) {
            return GateDecision.deny("approval request " + approval.id() + " has " + accepted.size()
                    + " approval(s) that " + where + " accepts now, of " + rule.requiredApprovals() + " required");
        }
        return GateDecision.allow(target + " approved by " + String.join(", ", accepted) + " (approval request "
                + approval.id() + ", now used)", true);
    }

    /** Distinct approvers other than the requester whom the protection accepts as it is now. */
    private static Set<String> acceptedApprovers(EnvironmentProtection rule, ApprovalRequest approval) {
        Set<String> accepted = new TreeSet<>();
        for (Review review : approval.reviews()) {
            if (review.verdict() == Verdict.APPROVE && !review.approver().equals(approval.requester())
                    && rule.allowsToApprove(review.approver(), review.approverGroups())) {
                accepted.add(review.approver());
            }
        }
        return accepted;
    }
}
