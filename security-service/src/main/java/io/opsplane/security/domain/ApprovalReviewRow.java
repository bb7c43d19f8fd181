package io.opsplane.security.domain;

import io.opsplane.security.approval.Review;
import io.opsplane.security.approval.Verdict;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One approver's stored verdict on an approval request. */
@Entity
@Table(name = "approval_review")
public class ApprovalReviewRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(nullable = false)
    public String approver;

    /** Comma-separated. */
    @Column(name = "approver_groups", nullable = false)
    public String approverGroups;

    @Column(nullable = false)
    public String verdict;

    @Column(nullable = false)
    public String comment;

    @Column(name = "reviewed_at", nullable = false)
    public Instant reviewedAt;

    public static ApprovalReviewRow of(String requestId, Review review) {
        ApprovalReviewRow row = new ApprovalReviewRow();
        row.id = UUID.randomUUID().toString();
        row.requestId = requestId;
        row.approver = review.approver();
        row.approverGroups = CommaList.join(review.approverGroups());
        row.verdict = review.verdict().name();
        row.comment = review.comment();
        row.reviewedAt = review.at();
        return row;
    }

    public Review toReview() {
        return new Review(approver, CommaList.split(approverGroups), Verdict.valueOf(verdict), comment, reviewedAt);
    }
}
