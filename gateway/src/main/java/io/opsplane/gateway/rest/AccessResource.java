package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.security.v1.AccessServiceGrpc;
import io.opsplane.proto.security.v1.CheckAccessBatchRequest;
import io.opsplane.proto.security.v1.CheckAccessRequest;
import io.opsplane.proto.security.v1.CreateBindingRequest;
import io.opsplane.proto.security.v1.CreateRoleRequest;
import io.opsplane.proto.security.v1.DeleteBindingRequest;
import io.opsplane.proto.security.v1.DeleteRoleRequest;
import io.opsplane.proto.security.v1.ListBindingsRequest;
import io.opsplane.proto.security.v1.ListRolesRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/access")
@Tag(name = "Access", description = "Roles, bindings of roles to subjects and groups at scopes, and access decisions")
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {

    @GrpcClient("access")
    AccessServiceGrpc.AccessServiceBlockingStub access;

    @Inject
    ServiceCalls calls;

    @GET
    @Path("/check")
    @Extension(name = Permissions.EXTENSION, value = "access:check")
    @Operation(summary = "May a subject do something on an object, and why",
            description = "Without `subject` the answer is about the caller's own token; asking about another subject, "
                    + "or with `tokenId` about what an API token's bearer may do now (denied once it is revoked or "
                    + "expired), needs access:read. `resource` is `<kind>:<name>` (e.g. `pipeline:web`), `within` names what "
                    + "contains it (e.g. `project:shop`).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.AccessDecisionView.class)))
    public Response check(@QueryParam("permission") String permission, @QueryParam("resource") String resource,
            @QueryParam("within") List<String> within, @QueryParam("subject") String subject,
            @QueryParam("group") List<String> groups, @QueryParam("tokenId") String tokenId,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        CheckAccessRequest.Builder request = CheckAccessRequest.newBuilder()
                .setPermission(permission == null ? "" : permission).setResource(resource == null ? "" : resource)
                .setSubject(subject == null ? "" : subject).setTokenId(tokenId == null ? "" : tokenId);
        if (within != null) {
            request.addAllWithin(within);
        }
        if (groups != null) {
            request.addAllGroups(groups);
        }
        var decision = calls.read(correlationId, access, stub -> stub.checkAccess(request.build()));
        return Response.ok(Views.AccessDecisionView.of(decision)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "access:check")
    @Operation(summary = "Up to 1,000 access questions at once, answered in order",
            description = "Each check has the fields of a single check (permission, resource, within, subject, "
                    + "groups, tokenId) and is answered as that would be; a bad check is a 400 that names it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.AccessDecisions.class)))
    public Response checks(Views.AccessChecks body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null || body.checks() == null) {
            throw new IllegalArgumentException("the body must be a JSON object with a list of checks");
        }
        CheckAccessBatchRequest.Builder request = CheckAccessBatchRequest.newBuilder();
        for (Views.AccessQuestion question : body.checks()) {
            if (question == null) {
                throw new IllegalArgumentException("a check must be a JSON object");
            }
            request.addChecks(CheckAccessRequest.newBuilder().setPermission(Views.orEmpty(question.permission()))
                    .setResource(Views.orEmpty(question.resource())).setSubject(Views.orEmpty(question.subject()))
                    .setTokenId(Views.orEmpty(question.tokenId())).addAllWithin(question.within() == null ? List.of() : question.within())
                    .addAllGroups(question.groups() == null ? List.of() : question.groups()));
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var decisions = calls.read(correlationId, access, stub -> stub.checkAccessBatch(request.build()));
        return Response.ok(new Views.AccessDecisions(decisions.getDecisionsList().stream()
                .map(Views.AccessDecisionView::of).toList())).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/roles")
    @Extension(name = Permissions.EXTENSION, value = "access:read")
    @Operation(summary = "The built-in and custom roles with their permissions")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.RoleView[].class)))
    public Response roles(@HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var roles = calls.read(correlationId, access, stub -> stub.listRoles(ListRolesRequest.getDefaultInstance()));
        return Response.ok(roles.getRolesList().stream().map(Views.RoleView::of).toList())
                .header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "roles:write")
    @Operation(summary = "Define a custom role", description = "Needs every permission of the role, globally.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Views.RoleView.class)))
    @APIResponse(responseCode = "409", description = "A role has this name")
    public Response createRole(Views.CreateRole body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with name, description and permissions");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        CreateRoleRequest.Builder request = CreateRoleRequest.newBuilder().setName(Views.orEmpty(body.name()))
                .setDescription(Views.orEmpty(body.description()));
        if (body.permissions() != null) {
            body.permissions().forEach(permission -> request.addPermissions(Views.orEmpty(permission)));
        }
        var role = calls.write(correlationId, access, stub -> stub.createRole(request.build()));
        return Response.status(201).entity(Views.RoleView.of(role)).header(Correlation.HEADER, correlationId).build();
    }

    @DELETE
    @Path("/roles/{name}")
    @Extension(name = Permissions.EXTENSION, value = "roles:write")
    @Operation(summary = "Delete a custom role", description = "Refused (412) while a binding uses it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.RoleView.class)))
    public Response deleteRole(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var role = calls.write(correlationId, access, stub -> stub.deleteRole(DeleteRoleRequest.newBuilder()
                .setName(name).build()));
        return Response.ok(Views.RoleView.of(role)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/bindings")
    @Extension(name = Permissions.EXTENSION, value = "access:read")
    @Operation(summary = "Bindings, filtered and paged")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.BindingPage.class)))
    public Response bindings(@QueryParam("subject") String subject, @QueryParam("group") String group,
            @QueryParam("role") String role, @QueryParam("limit") @DefaultValue("0") int limit,
            @QueryParam("pageToken") String pageToken, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var page = calls.read(correlationId, access, stub -> stub.listBindings(ListBindingsRequest.newBuilder()
                .setSubject(Views.orEmpty(subject)).setGroup(Views.orEmpty(group)).setRole(Views.orEmpty(role)).setLimit(limit)
                .setPageToken(Views.orEmpty(pageToken)).build()));
        return Response.ok(Views.BindingPage.of(page)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/bindings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "access:grant")
    @Operation(summary = "Grant a role to a subject or a group at a scope",
            description = "Needs access:grant and every permission of the role at that scope: nobody grants more "
                    + "than they hold.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Views.BindingView.class)))
    @APIResponse(responseCode = "403", description = "The caller does not hold the role's permissions at that scope")
    public Response createBinding(Views.CreateBinding body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with role, scope and subject or group");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var binding = calls.write(correlationId, access, stub -> stub.createBinding(CreateBindingRequest.newBuilder()
                .setRole(Views.orEmpty(body.role())).setScope(Views.orEmpty(body.scope())).setSubject(Views.orEmpty(body.subject()))
                .setGroup(Views.orEmpty(body.group())).build()));
        return Response.status(201).entity(Views.BindingView.of(binding)).header(Correlation.HEADER, correlationId)
                .build();
    }

    @DELETE
    @Path("/bindings/{id}")
    @Extension(name = Permissions.EXTENSION, value = "access:grant")
    @Operation(summary = "Remove a binding", description = "Needs the same as granting it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.BindingView.class)))
    public Response deleteBinding(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var binding = calls.write(correlationId, access, stub -> stub.deleteBinding(DeleteBindingRequest.newBuilder()
                .setId(id).build()));
        return Response.ok(Views.BindingView.of(binding)).header(Correlation.HEADER, correlationId).build();
    }

}
