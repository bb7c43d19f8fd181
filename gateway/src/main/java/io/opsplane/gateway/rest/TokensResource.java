package io.opsplane.gateway.rest;

import io.opsplane.gateway.auth.Caller;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.ListTokensRequest;
import io.opsplane.proto.security.v1.RoleBinding;
import io.opsplane.proto.security.v1.RevokeTokenRequest;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "Tokens", description = "API tokens: who is calling, issuing, listing and revoking")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @GrpcClient("tokens")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    @Inject
    Caller caller;

    @Inject
    io.opsplane.gateway.auth.TokenAuthenticator authenticator;

    @GET
    @Path("/tokens")
    @Extension(name = Permissions.EXTENSION, value = "tokens:read")
    @Operation(summary = "API tokens: the caller's own; with tokens:manage everyone's (filter by subject)",
            description = "Never the secrets. Paged: pass nextPageToken back as pageToken.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.TokenPage.class)))
    public Response list(@QueryParam("subject") String subject, @QueryParam("includeRevoked") boolean includeRevoked,
            @QueryParam("limit") @DefaultValue("0") int limit, @QueryParam("pageToken") String pageToken,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var page = calls.read(correlationId, tokens, stub -> stub.listTokens(ListTokensRequest.newBuilder()
                .setSubject(subject == null ? "" : subject).setIncludeRevoked(includeRevoked).setLimit(limit)
                .setPageToken(pageToken == null ? "" : pageToken).build()));
        return Response.ok(Views.TokenPage.of(page)).header(Correlation.HEADER, correlationId).build();
    }

    @Inject
    ServiceCalls calls;

    @GET
    @Path("/whoami")
    @Extension(name = Permissions.EXTENSION, value = Permissions.AUTHENTICATED)
    @Operation(summary = "The caller, as its token says")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Me.class)))
    public Views.Me whoami() {
        return Views.Me.of(caller.principal());
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "tokens:create")
    @Operation(summary = "Issue an API token", description = "For the caller, or for another subject with "
            + "tokens:manage. `roles` are granted globally, `bindings` at a scope; neither may exceed what the caller "
            + "holds there (403). With neither, the token acts with its subject's bindings. The secret is in this "
            + "response only; it cannot be read again.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Views.NewToken.class)))
    @APIResponse(responseCode = "403", description = "The token would carry more than the caller holds")
    public Response issue(Views.IssueToken body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with name, subject and roles");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        IssueTokenRequest.Builder request = IssueTokenRequest.newBuilder()
                .setName(body.name() == null ? "" : body.name())
                .setSubject(body.subject() == null ? "" : body.subject())
                .setTtlSeconds(body.ttlSeconds() == null ? 0 : body.ttlSeconds());
        if (body.roles() != null) {
            body.roles().forEach(role -> request.addRoles(role == null ? "" : role));
        }
        if (body.bindings() != null) {
            body.bindings().forEach(binding -> request.addBindings(RoleBinding.newBuilder()
                    .setRole(binding == null || binding.role() == null ? "" : binding.role())
                    .setScope(binding == null || binding.scope() == null ? "" : binding.scope())));
        }
        var issued = calls.write(correlationId, tokens, stub -> stub.issueToken(request.build()));
        return Response.status(201).entity(Views.NewToken.of(issued)).header(Correlation.HEADER, correlationId)
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Extension(name = Permissions.EXTENSION, value = "tokens:revoke")
    @Operation(summary = "Revoke an API token", description = "One of the caller's own, or any with tokens:manage. "
            + "The token is refused at once by every gateway.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Token.class)))
    @APIResponse(responseCode = "404", description = "No token has this id")
    public Response revoke(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var info = calls.write(correlationId, tokens, stub -> stub.revokeToken(RevokeTokenRequest.newBuilder()
                .setTokenId(id).build()));
        authenticator.evictToken(info.getTokenId());
        return Response.ok(Views.Token.of(info)).header(Correlation.HEADER, correlationId).build();
    }
}
