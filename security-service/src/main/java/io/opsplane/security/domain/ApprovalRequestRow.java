package io.opsplane.security.domain;

import io.opsplane.security.approval.ApprovalRequest;
import io.opsplane.security.approval.ApprovalState;
import io.opsplane.security.approval.DeployAction;
import io.opsplane.security.approval.DeploymentTarget;
import io.opsplane.security.approval.Review;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A stored approval request; its reviews are {@link ApprovalReviewRow}s. */
@Entity
@Table(name = "approval_request")
public class ApprovalRequestRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String environment;

    /** The permission that names the action. */
    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String resource;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public String requester;

    @Column(name = "required_approvals", nullable = false)
    public int requiredApprovals;

    /** PENDING, APPROVED, REJECTED or USED; expiry is read from expires_at. */
    @Column(nullable = false)
    public String state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    public static ApprovalRequestRow of(ApprovalRequest request) {
        ApprovalRequestRow row = new ApprovalRequestRow();
        row.id = request.id();
        row.environment = request.target().environment();
        row.action = request.target().action().permission();
        row.resource = request.target().resource();
        row.summary = request.summary();
        row.requester = request.requester();
        row.requiredApprovals = request.requiredApprovals();
        row.createdAt = request.createdAt();
        row.expiresAt = request.expiresAt();
        row.update(request);
        return row;
    }

    public ApprovalRequest toRequest(List<Review> reviews) {
        return new ApprovalRequest(id, new DeploymentTarget(environment, DeployAction.ofPermission(action), resource),
                summary, requester, requiredApprovals, createdAt, expiresAt, ApprovalState.valueOf(state), reviews,
                usedAt);
    }

    /** Copies what a step may change: the stored state and when it was used. */
    public void update(ApprovalRequest request) {
        state = request.state().name();
        usedAt = request.usedAt();
    }
}
