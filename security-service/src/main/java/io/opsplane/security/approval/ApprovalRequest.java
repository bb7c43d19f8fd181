package io.opsplane.security.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request to deploy to a protected environment and the approvers' verdicts on it. Immutable: each
 * step answers the request as it is afterwards.
 *
 * <p>PENDING becomes APPROVED once {@code requiredApprovals} distinct approvers other than the
 * requester approved; any rejection makes it REJECTED; past {@code expiresAt} it is EXPIRED; a
 * deployment that uses it makes it USED. Nothing leaves REJECTED, EXPIRED or USED. Expiry needs no
 * step: {@link #stateAt} tells it from the clock.
 *
 * @param requiredApprovals what the protection required when the request was made
 * @param state the stored state; {@link #stateAt} adds expiry
 * @param usedAt when a deployment used it; null before
 */
public record ApprovalRequest(String id, DeploymentTarget target, String summary, String requester,
        int requiredApprovals, Instant createdAt, Instant expiresAt, ApprovalState state, List<Review> reviews,
        Instant usedAt) {

    public ApprovalRequest {
        summary = FreeText.require("summary", summary);
        reviews = List.copyOf(reviews);
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("required_approvals must be at least 1");
        }
    }

    /** A new PENDING request. */
    public static ApprovalRequest open(String id, DeploymentTarget target, String summary, String requester,
            int requiredApprovals, Instant now, Duration ttl) {
        return new ApprovalRequest(id, target, summary, requester, requiredApprovals, now, now.plus(ttl),
                ApprovalState.PENDING, List.of(), null);
    }

    public ApprovalState stateAt(Instant now) {
        if ((state == ApprovalState.PENDING || state == ApprovalState.APPROVED) && !now.isBefore(expiresAt)) {
            return ApprovalState.EXPIRED;
        }
        return state;
    }

    /**
     * {@code approver}'s approval. The requester may not approve; an approver who already approved
     * changes nothing, so the same approver twice counts once.
     */
    public ApprovalRequest approve(String approver, Set<String> approverGroups, String comment, Instant now) {
        if (approver.equals(requester)) {
            throw new ApprovalRefusedException("the requester cannot approve their own request");
        }
        requireOpen(now, "approved");
        if (approvers().contains(approver)) {
            return this;
        }
        List<Review> after = new ArrayList<>(reviews);
        after.add(new Review(approver, approverGroups, Verdict.APPROVE, comment, now));
        ApprovalRequest approved = with(after, state, usedAt);
        return approved.approvers().size() >= requiredApprovals ? approved.with(after, ApprovalState.APPROVED, usedAt)
                : approved;
    }

    /** {@code approver}'s rejection: final, even after approvals. The requester may not reject (or approve). */
    public ApprovalRequest reject(String approver, Set<String> approverGroups, String comment, Instant now) {
        if (approver.equals(requester)) {
            throw new ApprovalRefusedException("the requester cannot reject their own request");
        }
        requireOpen(now, "rejected");
        List<Review> after = new ArrayList<>(reviews);
        after.add(new Review(approver, approverGroups, Verdict.REJECT, comment, now));
        return with(after, ApprovalState.REJECTED, usedAt);
    }

    /** Consumed by one deployment; only an APPROVED, unexpired request can be. */
    public ApprovalRequest use(Instant now) {
        ApprovalState current = stateAt(now);
        if (current != ApprovalState.APPROVED) {
            throw new ApprovalClosedException("approval request " + id + " is " + current.label()
                    + ", so no deployment can use it");
        }
        return with(reviews, ApprovalState.USED, now);
    }

    /** The distinct subjects that approved, other than the requester, in the order they did. */
    public Set<String> approvers() {
        Set<String> approvers = new LinkedHashSet<>();
        for (Review review : reviews) {
            if (review.verdict() == Verdict.APPROVE && !review.approver().equals(requester)) {
                approvers.add(review.approver());
            }
        }
        return approvers;
    }

    /** The first rejection, if any. */
    public Optional<Review> rejection() {
        return reviews.stream().filter(review -> review.verdict() == Verdict.REJECT).findFirst();
    }

    private void requireOpen(Instant now, String step) {
        ApprovalState current = stateAt(now);
        if (current.isFinal()) {
            throw new ApprovalClosedException("approval request " + id + " is " + current.label() + " and can no "
                    + "longer be " + step);
        }
    }

    private ApprovalRequest with(List<Review> newReviews, ApprovalState newState, Instant newUsedAt) {
        return new ApprovalRequest(id, target, summary, requester, requiredApprovals, createdAt, expiresAt, newState,
                newReviews, newUsedAt);
    }
}
