package io.opsplane.security.environments;

import io.opsplane.platform.access.ResourceRef;
import io.opsplane.security.approval.ApprovalRequest;
import io.opsplane.security.approval.ApprovalState;
import io.opsplane.security.approval.Review;
import io.opsplane.security.domain.ApprovalRequestRow;
import io.opsplane.security.domain.ApprovalReviewRow;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading approval requests with their reviews; call inside a session. */
final class ApprovalStore {

    /** Rows read per round while filtering a listing by what the caller may read. */
    private static final int BATCH = 200;

    private ApprovalStore() {
    }

    static ResourceRef objectOf(ApprovalRequestRow row) {
        return ResourceRef.parse(row.resource).in("environment", row.environment);
    }

    static Uni<ApprovalRequest> withReviews(ApprovalRequestRow row) {
        return ApprovalReviewRow.<ApprovalReviewRow>list("requestId = ?1 order by reviewedAt, id", row.id)
                .map(reviews -> row.toRequest(reviews.stream().map(ApprovalReviewRow::toReview).toList()));
    }

    /** Up to {@code limit} requests, newest first, matching the filters and {@code readable}. */
    static Uni<List<ApprovalRequest>> readable(String environment, ApprovalState state, int limit,
            Predicate<ApprovalRequestRow> readable, Instant now) {
        return collect(environment == null ? "" : environment, state, limit, readable, now, 0, new ArrayList<>())
                .flatMap(ApprovalStore::withReviews);
    }

    private static Uni<List<ApprovalRequestRow>> collect(String environment, ApprovalState state, int limit,
            Predicate<ApprovalRequestRow> readable, Instant now, int page, List<ApprovalRequestRow> found) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("environment", environment);
        String query = "(:environment = '' or environment = :environment)" + stateFilter(state, now, parameters)
                + " order by createdAt desc, id";
        return ApprovalRequestRow.<ApprovalRequestRow>find(query, parameters).page(page, BATCH).list().flatMap(rows -> {
            for (ApprovalRequestRow row : rows) {
                if (found.size() < limit && readable.test(row)) {
                    found.add(row);
                }
            }
            if (found.size() >= limit || rows.size() < BATCH) {
                return Uni.createFrom().item(found);
            }
            return collect(environment, state, limit, readable, now, page + 1, found);
        });
    }

    /** Expiry is not stored: a PENDING or APPROVED row past expires_at is EXPIRED. */
    private static String stateFilter(ApprovalState state, Instant now, Map<String, Object> parameters) {
        if (state == null) {
            return "";
        }
        switch (state) {
            case PENDING, APPROVED -> {
                parameters.put("state", state.name());
                parameters.put("now", now);
                return " and state = :state and expiresAt > :now";
            }
            case EXPIRED -> {
                parameters.put("now", now);
                return " and state in ('PENDING', 'APPROVED') and expiresAt <= :now";
            }
            default -> {
                parameters.put("state", state.name());
                return " and state = :state";
            }
        }
    }

    private static Uni<List<ApprovalRequest>> withReviews(List<ApprovalRequestRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = rows.stream().map(row -> row.id).toList();
        return ApprovalReviewRow.<ApprovalReviewRow>list("requestId in ?1 order by reviewedAt, id", ids).map(reviews -> {
            Map<String, List<Review>> byRequest = new LinkedHashMap<>();
            for (ApprovalReviewRow review : reviews) {
                byRequest.computeIfAbsent(review.requestId, id -> new ArrayList<>()).add(review.toReview());
            }
            return rows.stream().map(row -> row.toRequest(byRequest.getOrDefault(row.id, List.of()))).toList();
        });
    }
}
