package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.security.v1.EnvironmentServiceGrpc;
import io.opsplane.proto.security.v1.GetApprovalRequestRequest;
import io.opsplane.proto.security.v1.ListApprovalRequestsRequest;
import io.opsplane.proto.security.v1.ListProtectedEnvironmentsRequest;
import io.opsplane.proto.security.v1.ProtectEnvironmentRequest;
import io.opsplane.proto.security.v1.RequestApprovalRequest;
import io.opsplane.proto.security.v1.ReviewApprovalRequest;
import io.opsplane.proto.security.v1.UnprotectEnvironmentRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Protected environments and the approval requests that deployments to them need. */
@Path("/api/v1")
@Tag(name = "Environments", description = "Protected environments: who may deploy, required approvals by someone "
        + "other than the requester, and the approval requests")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentsResource {

    @GrpcClient("environments")
    EnvironmentServiceGrpc.EnvironmentServiceBlockingStub environments;

    @Inject
    ServiceCalls calls;

    @PUT
    @Path("/environments/{name}/protection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "environments:write")
    @Operation(summary = "Protect an environment, or replace its protection",
            description = "`name` is an environment, a prefix followed by `*` (`prod-*`), or `*`. A deployment there "
                    + "then needs a listed deployer and `requiredApprovals` (1 to 10) approvals by others than the "
                    + "requester; with approvers listed, only theirs count. Needs environments:write throughout the "
                    + "pattern. A pattern that overlaps another protection is refused (400).")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Protection.class)))
    public Response protect(@PathParam("name") String name, EnvironmentViews.Protect body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with requiredApprovals and "
                    + "deploySubjects or deployGroups");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        ProtectEnvironmentRequest request = ProtectEnvironmentRequest.newBuilder().setEnvironment(name)
                .setRequiredApprovals(body.requiredApprovals() == null ? 0 : body.requiredApprovals())
                .addAllDeploySubjects(names(body.deploySubjects())).addAllDeployGroups(names(body.deployGroups()))
                .addAllApproverSubjects(names(body.approverSubjects()))
                .addAllApproverGroups(names(body.approverGroups())).build();
        var protection = calls.write(correlationId, environments, stub -> stub.protectEnvironment(request));
        return Response.ok(EnvironmentViews.Protection.of(protection)).header(Correlation.HEADER, correlationId).build();
    }

    @DELETE
    @Path("/environments/{name}/protection")
    @Extension(name = Permissions.EXTENSION, value = "environments:write")
    @Operation(summary = "Remove a protection", description = "Deployments there then need no approval.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Protection.class)))
    @APIResponse(responseCode = "404", description = "No protection with this pattern")
    public Response unprotect(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var protection = calls.write(correlationId, environments, stub -> stub.unprotectEnvironment(
                UnprotectEnvironmentRequest.newBuilder().setEnvironment(name).build()));
        return Response.ok(EnvironmentViews.Protection.of(protection)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/environments/protected")
    @Extension(name = Permissions.EXTENSION, value = "environments:read")
    @Operation(summary = "The protections the caller may read")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Protection[].class)))
    public Response protectedEnvironments(@HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var list = calls.read(correlationId, environments,
                stub -> stub.listProtectedEnvironments(ListProtectedEnvironmentsRequest.getDefaultInstance()));
        return Response.ok(list.getProtectionsList().stream().map(EnvironmentViews.Protection::of).toList())
                .header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/environments/{name}/approval-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:create")
    @Operation(summary = "Request approval to deploy to a protected environment",
            description = "`action` is deployments:create or deployments:promote, `resource` what is deployed "
                    + "(`application:web`). The caller must hold `action` there and be allowed to deploy by the "
                    + "protection. `ttlSeconds` is optional: 24 hours by default, at most 7 days.")
    @APIResponse(responseCode = "201",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Approval.class)))
    @APIResponse(responseCode = "400", description = "Bad input, or the environment is not protected")
    @APIResponse(responseCode = "403", description = "The caller may not deploy there")
    public Response requestApproval(@PathParam("name") String name, EnvironmentViews.RequestApproval body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with action and resource");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var approval = calls.write(correlationId, environments, stub -> stub.requestApproval(RequestApprovalRequest
                .newBuilder().setEnvironment(name).setAction(Views.orEmpty(body.action()))
                .setResource(Views.orEmpty(body.resource())).setSummary(Views.orEmpty(body.summary()))
                .setTtlSeconds(body.ttlSeconds() == null ? 0 : body.ttlSeconds()).build()));
        return Response.created(URI.create("/api/v1/approval-requests/" + approval.getId()))
                .entity(EnvironmentViews.Approval.of(approval)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/approval-requests/{id}")
    @Extension(name = Permissions.EXTENSION, value = "deployments:read")
    @Operation(summary = "One approval request with its reviews",
            description = "404 also when the caller may not read deployments there.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Approval.class)))
    public Response approvalRequest(@PathParam("id") String id,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var approval = calls.read(correlationId, environments, stub -> stub.getApprovalRequest(
                GetApprovalRequestRequest.newBuilder().setId(id).build()));
        return Response.ok(EnvironmentViews.Approval.of(approval)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/approval-requests")
    @Extension(name = Permissions.EXTENSION, value = "deployments:read")
    @Operation(summary = "Approval requests, newest first",
            description = "Filters: `environment`, `state` (pending, approved, rejected, expired, used); `limit` 1 to "
                    + "1000, 100 by default. Only requests where the caller may read deployments.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Approval[].class)))
    public Response approvalRequests(@QueryParam("environment") String environment, @QueryParam("state") String state,
            @QueryParam("limit") @DefaultValue("0") int limit, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        ListApprovalRequestsRequest request = ListApprovalRequestsRequest.newBuilder()
                .setEnvironment(Views.orEmpty(environment)).setState(EnvironmentViews.parseState(state)).setLimit(limit)
                .build();
        String correlationId = Correlation.resolve(correlationHeader);
        var list = calls.read(correlationId, environments, stub -> stub.listApprovalRequests(request));
        return Response.ok(list.getRequestsList().stream().map(EnvironmentViews.Approval::of).toList())
                .header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/approval-requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:approve")
    @Operation(summary = "Approve a request",
            description = "Not by the requester (403: the requester cannot approve their own request), and only by a "
                    + "listed approver when the protection lists any. Approving twice counts once. The body is "
                    + "`{\"comment\": \"…\"}`, or `{}`.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Approval.class)))
    @APIResponse(responseCode = "400", description = "The request is rejected, expired or used")
    @APIResponse(responseCode = "403", description = "The caller may not approve this request")
    public Response approve(@PathParam("id") String id, EnvironmentViews.ReviewBody body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var approval = calls.write(correlationId, environments, stub -> stub.approve(review(id, body)));
        return Response.ok(EnvironmentViews.Approval.of(approval)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/approval-requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:approve")
    @Operation(summary = "Reject a request, for good", description = "The same rules as approving.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EnvironmentViews.Approval.class)))
    public Response reject(@PathParam("id") String id, EnvironmentViews.ReviewBody body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var approval = calls.write(correlationId, environments, stub -> stub.reject(review(id, body)));
        return Response.ok(EnvironmentViews.Approval.of(approval)).header(Correlation.HEADER, correlationId).build();
    }

    private static ReviewApprovalRequest review(String id, EnvironmentViews.ReviewBody body) {
        return ReviewApprovalRequest.newBuilder().setId(id)
                .setComment(body == null ? "" : Views.orEmpty(body.comment())).build();
    }

    private static List<String> names(List<String> names) {
        return names == null ? List.of() : names.stream().map(Views::orEmpty).toList();
    }

}
