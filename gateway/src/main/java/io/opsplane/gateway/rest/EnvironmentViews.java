package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsplane.proto.security.v1.ApprovalRequest;
import io.opsplane.proto.security.v1.ApprovalReview;
import io.opsplane.proto.security.v1.ApprovalState;
import io.opsplane.proto.security.v1.EnvironmentProtection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON bodies of protected environments and approval requests. */
public final class EnvironmentViews {

    private static final String STATE_PREFIX = "APPROVAL_STATE_";

    private EnvironmentViews() {
    }

    /** The body of {@code PUT /environments/{name}/protection}. */
    public record Protect(Integer requiredApprovals, List<String> deploySubjects, List<String> deployGroups,
            List<String> approverSubjects, List<String> approverGroups) {
    }

    public record Protection(String environment, int requiredApprovals, List<String> deploySubjects,
            List<String> deployGroups, List<String> approverSubjects, List<String> approverGroups, String updatedBy,
            Instant updatedAt) {
        static Protection of(EnvironmentProtection p) {
            return new Protection(p.getEnvironment(), p.getRequiredApprovals(), p.getDeploySubjectsList(),
                    p.getDeployGroupsList(), p.getApproverSubjectsList(), p.getApproverGroupsList(), p.getUpdatedBy(),
                    Views.instant(p.getUpdatedAt()));
        }
    }

    /** The body of {@code POST /environments/{name}/approval-requests}. */
    public record RequestApproval(String action, String resource, String summary, Long ttlSeconds) {
    }

    /** The optional body of approve and reject. */
    public record ReviewBody(String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(String approver, String verdict, String comment, Instant at) {
        static Review of(ApprovalReview r) {
            return new Review(r.getApprover(), r.getVerdict(), Views.blankToNull(r.getComment()), Views.instant(r.getAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Approval(String id, String environment, String action, String resource, String summary,
            String requester, int requiredApprovals, String state, List<Review> reviews, Instant createdAt,
            Instant expiresAt, Instant usedAt) {
        static Approval of(ApprovalRequest r) {
            return new Approval(r.getId(), r.getEnvironment(), r.getAction(), r.getResource(),
                    Views.blankToNull(r.getSummary()), r.getRequester(), r.getRequiredApprovals(), stateName(r.getState()),
                    r.getReviewsList().stream().map(Review::of).toList(), Views.instant(r.getCreatedAt()),
                    Views.instant(r.getExpiresAt()), r.hasUsedAt() ? Views.instant(r.getUsedAt()) : null);
        }
    }

    /** {@code pending}, {@code approved}, {@code rejected}, {@code expired} or {@code used}. */
    static String stateName(ApprovalState state) {
        return state.name().substring(STATE_PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    /** The state a query names; empty or null is no filter. */
    static ApprovalState parseState(String name) {
        if (name == null || name.isEmpty()) {
            return ApprovalState.APPROVAL_STATE_UNSPECIFIED;
        }
        for (ApprovalState state : ApprovalState.values()) {
            if (state != ApprovalState.UNRECOGNIZED && state != ApprovalState.APPROVAL_STATE_UNSPECIFIED
                    && stateName(state).equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state must be one of pending, approved, rejected, expired, used");
    }
}
