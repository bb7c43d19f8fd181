package io.opsplane.security.environments;

import io.opsplane.platform.access.Decision;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.ApprovalGranted;
import io.opsplane.proto.events.v1.ApprovalRejected;
import io.opsplane.proto.events.v1.ApprovalRequested;
import io.opsplane.security.approval.ApprovalLifetime;
import io.opsplane.security.approval.ApprovalRequest;
import io.opsplane.security.approval.ApprovalState;
import io.opsplane.security.approval.DeployAction;
import io.opsplane.security.approval.DeploymentTarget;
import io.opsplane.security.approval.EnvironmentNames;
import io.opsplane.security.approval.EnvironmentProtection;
import io.opsplane.security.approval.Review;
import io.opsplane.security.approval.Verdict;
import io.opsplane.security.domain.ApprovalRequestRow;
import io.opsplane.security.domain.ApprovalReviewRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Approval requests for protected environments: made by someone allowed to deploy there, approved or
 * rejected by others, read by whoever may read deployments there. Each step locks the request's row,
 * so concurrent approvals and a deployment using the request see one another.
 */
@ApplicationScoped
public class ApprovalDesk {

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "opsplane.security.approval-ttl", defaultValue = "PT24H")
    Duration defaultTtl;

    @ConfigProperty(name = "opsplane.security.approval-max-ttl", defaultValue = "P7D")
    Duration maxTtl;

    private ApprovalLifetime lifetime;

    @PostConstruct
    void init() {
        lifetime = new ApprovalLifetime(defaultTtl, maxTtl);
    }

    public Uni<ApprovalRequest> request(CallerIdentity caller, String environment, String action, String resource,
            String summary, long ttlSeconds) {
        DeploymentTarget target = new DeploymentTarget(EnvironmentNames.requireName(environment),
                DeployAction.ofPermission(action), resource);
        Duration ttl = lifetime.ttl(ttlSeconds);
        Decision decision = caller.authority().decide(target.action().permission(), ApprovalSteps.objectOf(target));
        if (!decision.allowed()) {
            throw DomainException.permissionDenied(decision.reason());
        }
        return outbox.inTransaction(() -> ProtectedEnvironments.governing(target.environment()).flatMap(found -> {
            EnvironmentProtection protection = found.orElseThrow(() -> DomainException.failedPrecondition(
                    "environment " + target.environment() + " is not protected; deployments there need no approval"));
            if (!protection.allowsToDeploy(caller.subject(), caller.principal().getGroupsList())) {
                throw DomainException.permissionDenied(caller.subject() + " is not allowed to deploy to environment "
                        + target.environment() + " (protected by " + protection.pattern() + ")");
            }
            ApprovalRequest request = ApprovalRequest.open(UUID.randomUUID().toString(), target, summary,
                    caller.subject(), protection.requiredApprovals(), Instant.now(), ttl);
            return ApprovalRequestRow.of(request).persist().flatMap(saved -> outbox.record(request.id(),
                    ApprovalRequested.newBuilder().setRequestId(request.id()).setEnvironment(target.environment())
                            .setAction(target.action().permission()).setResource(target.resource())
                            .setSummary(request.summary()).setRequester(request.requester())
                            .setRequiredApprovals(request.requiredApprovals())
                            .setExpiresAt(Timestamps.of(request.expiresAt())).build())).replaceWith(request);
        }));
    }

    public Uni<ApprovalRequest> approve(CallerIdentity caller, String id, String comment) {
        return review(caller, id, comment, Verdict.APPROVE);
    }

    public Uni<ApprovalRequest> reject(CallerIdentity caller, String id, String comment) {
        return review(caller, id, comment, Verdict.REJECT);
    }

    public Uni<ApprovalRequest> get(CallerIdentity caller, String id) {
        return Panache.withSession(() -> ApprovalRequestRow.<ApprovalRequestRow>findById(nonNull(id))
                .flatMap(row -> {
                    if (row == null || !mayRead(caller, row)) {
                        throw DomainException.notFound("no approval request with id '" + id + "'");
                    }
                    return ApprovalStore.withReviews(row);
                }));
    }

    public Uni<List<ApprovalRequest>> list(CallerIdentity caller, String environment, ApprovalState state,
            int limit) {
        if (limit < 0 || limit > 1000) {
            throw DomainException.invalid("limit must be between 1 and 1000");
        }
        if (environment != null && !environment.isEmpty()) {
            EnvironmentNames.requireName(environment);
        }
        return Panache.withSession(() -> ApprovalStore.readable(environment, state, limit == 0 ? 100 : limit,
                row -> mayRead(caller, row), Instant.now()));
    }

    private Uni<ApprovalRequest> review(CallerIdentity caller, String id, String comment, Verdict verdict) {
        return outbox.inTransaction(() -> ApprovalRequestRow.<ApprovalRequestRow>findById(nonNull(id),
                LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
                    if (row == null || !mayRead(caller, row)) {
                        throw DomainException.notFound("no approval request with id '" + id + "'");
                    }
                    return ApprovalStore.withReviews(row).flatMap(before -> ProtectedEnvironments
                            .governing(before.target().environment())
                            .flatMap(protection -> record(caller, row, before, protection, comment, verdict)));
                }));
    }

    private Uni<ApprovalRequest> record(CallerIdentity caller, ApprovalRequestRow row, ApprovalRequest before,
            Optional<EnvironmentProtection> protection, String comment, Verdict verdict) {
        Decision decision = caller.authority().decide("deployments:approve", ApprovalSteps.objectOf(before.target()));
        if (!decision.allowed()) {
            throw DomainException.permissionDenied(decision.reason());
        }
        Set<String> groups = ApprovalSteps.nameableGroups(caller.principal().getGroupsList());
        Instant now = Instant.now();
        // The engine first: the requester hears that they cannot review their own request, whatever the lists say.
        ApprovalRequest after = ApprovalSteps.step(() -> verdict == Verdict.APPROVE
                ? before.approve(caller.subject(), groups, comment, now)
                : before.reject(caller.subject(), groups, comment, now));
        if (protection.isPresent() && !protection.get().allowsToApprove(caller.subject(),
                caller.principal().getGroupsList())) {
            throw DomainException.permissionDenied(caller.subject() + " is not an approver of environment "
                    + before.target().environment() + " (protected by " + protection.get().pattern() + ")");
        }
        if (after.reviews().size() == before.reviews().size()) {
            return Uni.createFrom().item(after);
        }
        Review added = after.reviews().get(after.reviews().size() - 1);
        row.update(after);
        return ApprovalReviewRow.of(after.id(), added).persist()
                .flatMap(saved -> outbox.record(after.id(), verdict == Verdict.APPROVE
                        ? ApprovalGranted.newBuilder().setRequestId(after.id())
                                .setEnvironment(after.target().environment()).setApprover(added.approver())
                                .setComment(added.comment()).setApprovals(after.approvers().size())
                                .setRequiredApprovals(after.requiredApprovals()).setState(after.state().label()).build()
                        : ApprovalRejected.newBuilder().setRequestId(after.id())
                                .setEnvironment(after.target().environment()).setApprover(added.approver())
                                .setComment(added.comment()).build()))
                .replaceWith(after);
    }

    private static boolean mayRead(CallerIdentity caller, ApprovalRequestRow row) {
        return caller.authority().decide("deployments:read", ApprovalStore.objectOf(row)).allowed();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
