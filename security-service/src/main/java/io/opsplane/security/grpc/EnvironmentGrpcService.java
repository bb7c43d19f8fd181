package io.opsplane.security.grpc;

import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.ApprovalRequestList;
import io.opsplane.proto.security.v1.ApprovalReview;
import io.opsplane.proto.security.v1.ApprovalState;
import io.opsplane.proto.security.v1.AuthorizeDeploymentRequest;
import io.opsplane.proto.security.v1.DeploymentDecision;
import io.opsplane.proto.security.v1.EnvironmentProtection;
import io.opsplane.proto.security.v1.EnvironmentProtectionList;
import io.opsplane.proto.security.v1.EnvironmentService;
import io.opsplane.proto.security.v1.GetApprovalRequestRequest;
import io.opsplane.proto.security.v1.ListApprovalRequestsRequest;
import io.opsplane.proto.security.v1.ListProtectedEnvironmentsRequest;
import io.opsplane.proto.security.v1.ProtectEnvironmentRequest;
import io.opsplane.proto.security.v1.RequestApprovalRequest;
import io.opsplane.proto.security.v1.ReviewApprovalRequest;
import io.opsplane.proto.security.v1.UnprotectEnvironmentRequest;
import io.opsplane.security.approval.AllowList;
import io.opsplane.security.approval.ApprovalRequest;
import io.opsplane.security.approval.Review;
import io.opsplane.security.domain.EnvironmentProtectionRow;
import io.opsplane.security.environments.ApprovalDesk;
import io.opsplane.security.environments.DeploymentGatekeeper;
import io.opsplane.security.environments.ProtectedEnvironments;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** gRPC adapter of {@link ProtectedEnvironments}, {@link ApprovalDesk} and {@link DeploymentGatekeeper}. */
@GrpcService
public class EnvironmentGrpcService implements EnvironmentService {

    @Inject
    ProtectedEnvironments protections;

    @Inject
    ApprovalDesk approvals;

    @Inject
    DeploymentGatekeeper gatekeeper;

    @Override
    public Uni<EnvironmentProtection> protectEnvironment(ProtectEnvironmentRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.concerns(ResourceRef.of("environment", request.getEnvironment()));
        Callers.note("protect environment " + request.getEnvironment() + ": " + request.getRequiredApprovals()
                + " approval(s), deployers " + request.getDeploySubjectsList() + " groups " + request.getDeployGroupsList()
                + ", approvers " + request.getApproverSubjectsList() + " groups " + request.getApproverGroupsList());
        return Uni.createFrom().deferred(() -> protections.protect(caller, protection(request)))
                .map(EnvironmentGrpcService::protection).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<EnvironmentProtection> unprotectEnvironment(UnprotectEnvironmentRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.concerns(ResourceRef.of("environment", request.getEnvironment()));
        Callers.note("unprotect environment " + request.getEnvironment());
        return Uni.createFrom().deferred(() -> protections.unprotect(caller, request.getEnvironment()))
                .map(EnvironmentGrpcService::protection).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<EnvironmentProtectionList> listProtectedEnvironments(ListProtectedEnvironmentsRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> protections.list(caller)).map(rows -> EnvironmentProtectionList
                .newBuilder().addAllProtections(rows.stream().map(EnvironmentGrpcService::protection).toList()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.security.v1.ApprovalRequest> requestApproval(RequestApprovalRequest request) {
        CallerIdentity caller = Callers.current();
        concerns(request.getEnvironment(), request.getResource());
        Callers.note("request approval for " + request.getAction() + " of " + request.getResource() + " to "
                + request.getEnvironment());
        return Uni.createFrom().deferred(() -> approvals.request(caller, request.getEnvironment(), request.getAction(),
                request.getResource(), request.getSummary(), request.getTtlSeconds()))
                .map(EnvironmentGrpcService::approvalRequest).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.security.v1.ApprovalRequest> approve(ReviewApprovalRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("approve approval request " + request.getId());
        return Uni.createFrom().deferred(() -> approvals.approve(caller, request.getId(), request.getComment()))
                .map(EnvironmentGrpcService::approvalRequest).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.security.v1.ApprovalRequest> reject(ReviewApprovalRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("reject approval request " + request.getId());
        return Uni.createFrom().deferred(() -> approvals.reject(caller, request.getId(), request.getComment()))
                .map(EnvironmentGrpcService::approvalRequest).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.security.v1.ApprovalRequest> getApprovalRequest(GetApprovalRequestRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> approvals.get(caller, request.getId()))
                .map(EnvironmentGrpcService::approvalRequest).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ApprovalRequestList> listApprovalRequests(ListApprovalRequestsRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> approvals.list(caller, request.getEnvironment(), state(request.getState()),
                request.getLimit())).map(list -> ApprovalRequestList.newBuilder()
                        .addAllRequests(list.stream().map(EnvironmentGrpcService::approvalRequest).toList()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<DeploymentDecision> authorizeDeployment(AuthorizeDeploymentRequest request) {
        CallerIdentity caller = Callers.current();
        concerns(request.getEnvironment(), request.getResource());
        Callers.note("authorize " + request.getAction() + " of " + request.getResource() + " to "
                + request.getEnvironment() + (request.getApprovalRequestId().isEmpty() ? ""
                        : " with approval request " + request.getApprovalRequestId()));
        return Uni.createFrom().deferred(() -> gatekeeper.authorize(caller, request.getEnvironment(),
                request.getAction(), request.getResource(), request.getApprovalRequestId()))
                .map(decision -> DeploymentDecision.newBuilder().setAllowed(decision.allowed())
                        .setReason(decision.reason()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    /** Names the object for the audit trail when the request names a well-formed one. */
    private static void concerns(String environment, String resource) {
        try {
            Callers.concerns(ResourceRef.parse(resource).in("environment", environment));
        } catch (IllegalArgumentException e) {
            // A malformed resource is refused by the service, which names the field.
        }
    }

    static io.opsplane.security.approval.EnvironmentProtection protection(ProtectEnvironmentRequest request) {
        return new io.opsplane.security.approval.EnvironmentProtection(request.getEnvironment(),
                request.getRequiredApprovals(),
                allowList("allowed to deploy", request.getDeploySubjectsList(), request.getDeployGroupsList()),
                allowList("approvers", request.getApproverSubjectsList(), request.getApproverGroupsList()));
    }

    /** Names the list at fault: {@code allowed to deploy: subject 'a,b' must be …}. */
    private static AllowList allowList(String which, List<String> subjects, List<String> groups) {
        try {
            return AllowList.of(subjects, groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + ": " + e.getMessage());
        }
    }

    static EnvironmentProtection protection(EnvironmentProtectionRow row) {
        io.opsplane.security.approval.EnvironmentProtection rule = row.toProtection();
        return EnvironmentProtection.newBuilder().setEnvironment(rule.pattern())
                .setRequiredApprovals(rule.requiredApprovals())
                .addAllDeploySubjects(rule.deployers().subjects()).addAllDeployGroups(rule.deployers().groups())
                .addAllApproverSubjects(rule.approvers().subjects()).addAllApproverGroups(rule.approvers().groups())
                .setUpdatedBy(row.updatedBy).setUpdatedAt(Timestamps.of(row.updatedAt)).build();
    }

    static io.opsplane.proto.security.v1.ApprovalRequest approvalRequest(ApprovalRequest request) {
        io.opsplane.proto.security.v1.ApprovalRequest.Builder message = io.opsplane.proto.security.v1.ApprovalRequest
                .newBuilder().setId(request.id()).setEnvironment(request.target().environment())
                .setAction(request.target().action().permission()).setResource(request.target().resource())
                .setSummary(request.summary()).setRequester(request.requester())
                .setRequiredApprovals(request.requiredApprovals())
                .setState(state(request.stateAt(Instant.now())))
                .setCreatedAt(Timestamps.of(request.createdAt())).setExpiresAt(Timestamps.of(request.expiresAt()));
        for (Review review : request.reviews()) {
            message.addReviews(ApprovalReview.newBuilder().setApprover(review.approver())
                    .setVerdict(review.verdict().name().toLowerCase(Locale.ROOT)).setComment(review.comment())
                    .setAt(Timestamps.of(review.at())));
        }
        if (request.usedAt() != null) {
            message.setUsedAt(Timestamps.of(request.usedAt()));
        }
        return message.build();
    }

    static ApprovalState state(io.opsplane.security.approval.ApprovalState state) {
        return ApprovalState.valueOf("APPROVAL_STATE_" + state.name());
    }

    /** UNSPECIFIED is no filter. */
    static io.opsplane.security.approval.ApprovalState state(ApprovalState state) {
        if (state == ApprovalState.APPROVAL_STATE_UNSPECIFIED) {
            return null;
        }
        if (state == ApprovalState.UNRECOGNIZED) {
            throw new IllegalArgumentException("state is not a known approval state");
        }
        return io.opsplane.security.approval.ApprovalState.valueOf(state.name().substring("APPROVAL_STATE_".length()));
    }
}
