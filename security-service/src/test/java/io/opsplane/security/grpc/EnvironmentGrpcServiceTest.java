package io.opsplane.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.outbox.OutboxRecord;
import io.opsplane.proto.security.v1.ApprovalRequest;
import io.opsplane.proto.security.v1.ApprovalState;
import io.opsplane.proto.security.v1.AuthorizeDeploymentRequest;
import io.opsplane.proto.security.v1.DeploymentDecision;
import io.opsplane.proto.security.v1.EnvironmentProtection;
import io.opsplane.proto.security.v1.EnvironmentServiceGrpc;
import io.opsplane.proto.security.v1.GetApprovalRequestRequest;
import io.opsplane.proto.security.v1.ListApprovalRequestsRequest;
import io.opsplane.proto.security.v1.ListProtectedEnvironmentsRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.ProtectEnvironmentRequest;
import io.opsplane.proto.security.v1.RequestApprovalRequest;
import io.opsplane.proto.security.v1.ReviewApprovalRequest;
import io.opsplane.proto.security.v1.UnprotectEnvironmentRequest;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Protected environments, approvals and deployment decisions through gRPC against the real database. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class EnvironmentGrpcServiceTest {

    @GrpcClient("self")
    EnvironmentServiceGrpc.EnvironmentServiceBlockingStub environments;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String team = "release-" + suffix;
    private final Principal developer = TestPrincipals.user("dev-" + suffix, "developer", "global").toBuilder()
            .addGroups(team).build();
    private final Principal operator = TestPrincipals.user("op-" + suffix, "operator", "global");

    private EnvironmentServiceGrpc.EnvironmentServiceBlockingStub as(Principal principal) {
        return TestPrincipals.as(principal, environments);
    }

    private EnvironmentProtection protect(String environment, int approvals, String group) {
        return as(TestPrincipals.admin()).protectEnvironment(ProtectEnvironmentRequest.newBuilder()
                .setEnvironment(environment).setRequiredApprovals(approvals).addDeployGroups(group).build());
    }

    private ApprovalRequest request(Principal requester, String environment, long ttlSeconds) {
        return as(requester).requestApproval(RequestApprovalRequest.newBuilder().setEnvironment(environment)
                .setAction("deployments:create").setResource("application:web").setSummary("web 1.4: new checkout")
                .setTtlSeconds(ttlSeconds).build());
    }

    private ApprovalRequest approve(Principal approver, String id) {
        return as(approver).approve(ReviewApprovalRequest.newBuilder().setId(id).setComment("looks good").build());
    }

    private ApprovalRequest reject(Principal approver, String id) {
        return as(approver).reject(ReviewApprovalRequest.newBuilder().setId(id).setComment("not during the sale")
                .build());
    }

    private DeploymentDecision authorize(Principal requester, String environment, String requestId) {
        return as(requester).authorizeDeployment(AuthorizeDeploymentRequest.newBuilder().setEnvironment(environment)
                .setAction("deployments:create").setResource("application:web").setApprovalRequestId(requestId)
                .build());
    }

    private static Status.Code codeOf(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus().getCode();
    }

    private static List<String> eventTypes(String subject) throws Throwable {
        List<OutboxRecord> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> OutboxRecord.<OutboxRecord>list("subject = ?1 order by id", subject)));
        return rows.stream().map(row -> row.eventType.substring("opsplane.events.v1.".length())).toList();
    }

    @Test
    void anotherPersonsApprovalLetsExactlyOneDeploymentThrough() throws Throwable {
        String prod = "prod-" + suffix;
        protect(prod, 1, team);

        ApprovalRequest requested = request(developer, prod, 0);
        Status.Code ownApproval = codeOf(() -> approve(developer, requested.getId()));
        DeploymentDecision beforeApproval = authorize(developer, prod, requested.getId());
        ApprovalRequest approved = approve(operator, requested.getId());
        DeploymentDecision first = authorize(developer, prod, requested.getId());
        DeploymentDecision second = authorize(developer, prod, requested.getId());
        ApprovalRequest used = as(developer).getApprovalRequest(GetApprovalRequestRequest.newBuilder()
                .setId(requested.getId()).build());

        assertEquals(ApprovalState.APPROVAL_STATE_PENDING, requested.getState());
        assertEquals(developer.getSubject(), requested.getRequester());
        assertEquals(Status.Code.PERMISSION_DENIED, ownApproval);
        assertFalse(beforeApproval.getAllowed());
        assertTrue(beforeApproval.getReason().contains("is pending with 0 of 1 approval(s)"), beforeApproval.getReason());
        assertEquals(ApprovalState.APPROVAL_STATE_APPROVED, approved.getState());
        assertEquals(operator.getSubject(), approved.getReviews(0).getApprover());
        assertEquals("approve", approved.getReviews(0).getVerdict());
        assertTrue(first.getAllowed(), first.getReason());
        assertFalse(second.getAllowed());
        assertTrue(second.getReason().contains("already used by a deployment"), second.getReason());
        assertEquals(ApprovalState.APPROVAL_STATE_USED, used.getState());
        assertTrue(used.hasUsedAt());
        assertEquals(List.of("ApprovalRequested", "ApprovalGranted"), eventTypes(requested.getId()));
        assertEquals(List.of("EnvironmentProtected", "DeploymentAuthorized", "DeploymentAuthorized",
                "DeploymentAuthorized"), eventTypes(prod));
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestEvenWhenTheyMayApprove() {
        String prod = "prod-" + suffix;
        Principal releaser = TestPrincipals.user("rel-" + suffix, "operator", "global").toBuilder().addGroups(team)
                .build();
        protect(prod, 1, team);
        ApprovalRequest requested = request(releaser, prod, 0);

        StatusRuntimeException approveOwn = assertThrows(StatusRuntimeException.class,
                () -> approve(releaser, requested.getId()));
        StatusRuntimeException rejectOwn = assertThrows(StatusRuntimeException.class,
                () -> reject(releaser, requested.getId()));

        assertEquals(Status.Code.PERMISSION_DENIED, approveOwn.getStatus().getCode());
        assertEquals("the requester cannot approve their own request", approveOwn.getStatus().getDescription());
        assertEquals(Status.Code.PERMISSION_DENIED, rejectOwn.getStatus().getCode());
        assertFalse(authorize(releaser, prod, requested.getId()).getAllowed());
    }

    @Test
    void aRejectedRequestIsDeniedAndCannotBeApprovedAfterwards() throws Throwable {
        String prod = "prod-" + suffix;
        protect(prod, 1, team);
        ApprovalRequest requested = request(developer, prod, 0);

        ApprovalRequest rejected = reject(operator, requested.getId());
        Status.Code approveAfter = codeOf(() -> approve(TestPrincipals.admin(), requested.getId()));
        DeploymentDecision decision = authorize(developer, prod, requested.getId());

        assertEquals(ApprovalState.APPROVAL_STATE_REJECTED, rejected.getState());
        assertEquals(Status.Code.FAILED_PRECONDITION, approveAfter);
        assertFalse(decision.getAllowed());
        assertTrue(decision.getReason().contains("was rejected by " + operator.getSubject()), decision.getReason());
        assertEquals(List.of("ApprovalRequested", "ApprovalRejected"), eventTypes(requested.getId()));
    }

    @Test
    void anExpiredApprovalIsDenied() throws Exception {
        String prod = "prod-" + suffix;
        protect(prod, 1, team);
        ApprovalRequest requested = request(developer, prod, 3);
        approve(operator, requested.getId());

        Thread.sleep(3_100);
        DeploymentDecision decision = authorize(developer, prod, requested.getId());
        ApprovalRequest read = as(operator).getApprovalRequest(GetApprovalRequestRequest.newBuilder()
                .setId(requested.getId()).build());

        assertFalse(decision.getAllowed());
        assertTrue(decision.getReason().contains("expired at"), decision.getReason());
        assertEquals(ApprovalState.APPROVAL_STATE_EXPIRED, read.getState());
        assertEquals(Status.Code.FAILED_PRECONDITION, codeOf(() -> approve(TestPrincipals.admin(), requested.getId())));
    }

    @Test
    void someoneNotAllowedToDeployIsDeniedEvenWithAnApproval() {
        String prod = "prod-" + suffix;
        Principal outsider = TestPrincipals.user("outsider-" + suffix, "developer", "global");
        protect(prod, 1, team);
        ApprovalRequest requested = request(developer, prod, 0);
        approve(operator, requested.getId());

        Status.Code outsiderRequests = codeOf(() -> request(outsider, prod, 0));
        DeploymentDecision outsiderUsesIt = authorize(outsider, prod, requested.getId());
        // The team loses the right to deploy after the approval: the approval alone is not enough.
        as(TestPrincipals.admin()).protectEnvironment(ProtectEnvironmentRequest.newBuilder().setEnvironment(prod)
                .setRequiredApprovals(1).addDeploySubjects("someone-else").build());
        DeploymentDecision requesterAfterwards = authorize(developer, prod, requested.getId());

        assertEquals(Status.Code.PERMISSION_DENIED, outsiderRequests);
        assertFalse(outsiderUsesIt.getAllowed());
        assertTrue(outsiderUsesIt.getReason().contains(outsider.getSubject() + " is not allowed to deploy"),
                outsiderUsesIt.getReason());
        assertFalse(requesterAfterwards.getAllowed());
        assertTrue(requesterAfterwards.getReason().contains(developer.getSubject() + " is not allowed to deploy"),
                requesterAfterwards.getReason());
    }

    @Test
    void anUnprotectedEnvironmentNeedsNoRequest() {
        String staging = "staging-" + suffix;

        DeploymentDecision decision = authorize(developer, staging, "");
        Status.Code requestAnyway = codeOf(() -> request(developer, staging, 0));
        DeploymentDecision elsewhere = authorize(TestPrincipals.user("web-dev-" + suffix, "developer",
                "pipeline:web"), staging, "");

        assertTrue(decision.getAllowed(), decision.getReason());
        assertEquals("environment " + staging + " is not protected", decision.getReason());
        assertEquals(Status.Code.FAILED_PRECONDITION, requestAnyway);
        assertFalse(elsewhere.getAllowed(), "deployments:create must reach the environment: " + elsewhere.getReason());
    }

    @Test
    void onlyThoseWhoManageAnEnvironmentProtectIt() {
        String prod = "prod-" + suffix;
        Principal viewer = TestPrincipals.user("viewer-" + suffix, "viewer", "global");
        Principal stagingOperator = TestPrincipals.user("stage-op-" + suffix, "operator", "environment:staging");

        Status.Code byViewer = codeOf(() -> as(viewer).protectEnvironment(ProtectEnvironmentRequest.newBuilder()
                .setEnvironment(prod).setRequiredApprovals(1).addDeployGroups(team).build()));
        Status.Code elsewhere = codeOf(() -> as(stagingOperator).protectEnvironment(ProtectEnvironmentRequest
                .newBuilder().setEnvironment(prod).setRequiredApprovals(1).addDeployGroups(team).build()));
        protect(prod, 1, team);
        Status.Code unprotectByViewer = codeOf(() -> as(viewer).unprotectEnvironment(UnprotectEnvironmentRequest
                .newBuilder().setEnvironment(prod).build()));
        boolean viewerSees = as(viewer).listProtectedEnvironments(ListProtectedEnvironmentsRequest.getDefaultInstance())
                .getProtectionsList().stream().anyMatch(p -> p.getEnvironment().equals(prod));
        boolean stagingOperatorSees = as(stagingOperator).listProtectedEnvironments(
                ListProtectedEnvironmentsRequest.getDefaultInstance()).getProtectionsList().stream()
                .anyMatch(p -> p.getEnvironment().equals(prod));
        EnvironmentProtection removed = as(TestPrincipals.admin()).unprotectEnvironment(UnprotectEnvironmentRequest
                .newBuilder().setEnvironment(prod).build());

        assertEquals(Status.Code.PERMISSION_DENIED, byViewer);
        assertEquals(Status.Code.PERMISSION_DENIED, elsewhere);
        assertEquals(Status.Code.PERMISSION_DENIED, unprotectByViewer);
        assertTrue(viewerSees);
        assertFalse(stagingOperatorSees);
        assertEquals(List.of(team), removed.getDeployGroupsList());
        assertTrue(authorize(developer, prod, "").getAllowed());
    }

    @Test
    void badInputIsAnInvalidArgument() {
        String prod = "prod-" + suffix;
        protect(prod, 1, team);
        ProtectEnvironmentRequest good = ProtectEnvironmentRequest.newBuilder().setEnvironment("qa-" + suffix)
                .setRequiredApprovals(1).addDeployGroups(team).build();
        List<ProtectEnvironmentRequest> badProtections = List.of(
                good.toBuilder().setRequiredApprovals(0).build(),
                good.toBuilder().setRequiredApprovals(11).build(),
                good.toBuilder().setEnvironment("Prod Env!").build(),
                good.toBuilder().setEnvironment("").build(),
                good.toBuilder().clearDeployGroups().build(),
                good.toBuilder().addDeploySubjects("a,b").build());
        for (ProtectEnvironmentRequest bad : badProtections) {
            assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> as(TestPrincipals.admin()).protectEnvironment(bad)),
                    bad.toString());
        }
        RequestApprovalRequest goodRequest = RequestApprovalRequest.newBuilder().setEnvironment(prod)
                .setAction("deployments:create").setResource("application:web").build();
        List<RequestApprovalRequest> badRequests = List.of(
                goodRequest.toBuilder().setAction("deployments:teleport").build(),
                goodRequest.toBuilder().setAction("deployments:rollback").build(),
                goodRequest.toBuilder().setEnvironment("prod-*").build(),
                goodRequest.toBuilder().setEnvironment("bad env").build(),
                goodRequest.toBuilder().setResource("web").build(),
                goodRequest.toBuilder().setTtlSeconds(-1).build());
        for (RequestApprovalRequest bad : badRequests) {
            assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> as(developer).requestApproval(bad)), bad.toString());
        }

        Status.Code unknownAction = codeOf(() -> as(developer).authorizeDeployment(AuthorizeDeploymentRequest
                .newBuilder().setEnvironment(prod).setAction("deploy").setResource("application:web").build()));
        Status.Code overlapping = codeOf(() -> protect("prod-" + suffix.substring(0, 4) + "*", 1, team));

        assertEquals(Status.Code.INVALID_ARGUMENT, unknownAction);
        assertEquals(Status.Code.FAILED_PRECONDITION, overlapping);
    }

    @Test
    void listedApproversOnlyAndTheSameApproverTwiceCountsOnce() {
        String prod = "prod-" + suffix;
        Principal secondOperator = TestPrincipals.user("op2-" + suffix, "operator", "global");
        Principal unlisted = TestPrincipals.user("op3-" + suffix, "operator", "global");
        as(TestPrincipals.admin()).protectEnvironment(ProtectEnvironmentRequest.newBuilder().setEnvironment(prod)
                .setRequiredApprovals(2).addDeployGroups(team).addApproverSubjects(operator.getSubject())
                .addApproverSubjects(secondOperator.getSubject()).build());
        ApprovalRequest requested = request(developer, prod, 0);

        StatusRuntimeException notListed = assertThrows(StatusRuntimeException.class,
                () -> approve(unlisted, requested.getId()));
        ApprovalRequest once = approve(operator, requested.getId());
        ApprovalRequest twice = approve(operator, requested.getId());
        DeploymentDecision withOne = authorize(developer, prod, requested.getId());
        ApprovalRequest both = approve(secondOperator, requested.getId());
        List<ApprovalRequest> approvedList = as(operator).listApprovalRequests(ListApprovalRequestsRequest.newBuilder()
                .setEnvironment(prod).setState(ApprovalState.APPROVAL_STATE_APPROVED).build()).getRequestsList();
        List<ApprovalRequest> pendingList = as(operator).listApprovalRequests(ListApprovalRequestsRequest.newBuilder()
                .setEnvironment(prod).setState(ApprovalState.APPROVAL_STATE_PENDING).build()).getRequestsList();

        assertEquals(Status.Code.PERMISSION_DENIED, notListed.getStatus().getCode());
        assertTrue(notListed.getStatus().getDescription().contains("is not an approver"),
                notListed.getStatus().getDescription());
        assertEquals(ApprovalState.APPROVAL_STATE_PENDING, once.getState());
        assertEquals(1, twice.getReviewsCount());
        assertFalse(withOne.getAllowed());
        assertEquals(ApprovalState.APPROVAL_STATE_APPROVED, both.getState());
        assertEquals(List.of(requested.getId()), approvedList.stream().map(ApprovalRequest::getId).toList());
        assertEquals(List.of(), pendingList);
        assertTrue(authorize(developer, prod, requested.getId()).getAllowed());
    }

    @Test
    void requestsAreReadOnlyWhereTheCallerMayReadDeployments() {
        String prod = "prod-" + suffix;
        protect(prod, 1, team);
        ApprovalRequest requested = request(developer, prod, 0);
        Principal elsewhere = TestPrincipals.user("qa-viewer-" + suffix, "viewer", "environment:qa");

        Status.Code get = codeOf(() -> as(elsewhere).getApprovalRequest(GetApprovalRequestRequest.newBuilder()
                .setId(requested.getId()).build()));
        List<ApprovalRequest> listed = as(elsewhere).listApprovalRequests(ListApprovalRequestsRequest.newBuilder()
                .setEnvironment(prod).build()).getRequestsList();
        Status.Code approveUnseen = codeOf(() -> approve(TestPrincipals.user("qa-op-" + suffix, "operator",
                "environment:qa"), requested.getId()));

        assertEquals(Status.Code.NOT_FOUND, get);
        assertEquals(List.of(), listed);
        assertEquals(Status.Code.NOT_FOUND, approveUnseen);
    }
}
