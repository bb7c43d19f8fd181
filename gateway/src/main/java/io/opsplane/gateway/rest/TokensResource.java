package io.opsplane.gateway.rest;

import io.opsplane.gateway.auth.Caller;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.RevokeTokenRequest;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "Tokens", description = "API tokens: who is calling, issuing and revoking (admin role)")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @GrpcClient("tokens")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    @Inject
    Caller caller;

    @Inject
    io.opsplane.gateway.auth.TokenAuthenticator authenticator;

    @Inject
    ServiceCalls calls;

    @GET
    @Path("/whoami")
    @Operation(summary = "The caller, as its token says")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Me.class)))
    public Views.Me whoami() {
        return Views.Me.of(caller.principal());
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API token", description = "Needs the admin role. The secret is in this "
            + "response only; it cannot be read again.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Views.NewToken.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Response issue(Views.IssueToken body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with name, subject and roles");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        IssueTokenRequest.Builder request = IssueTokenRequest.newBuilder().setCallerToken(caller.token())
                .setName(body.name() == null ? "" : body.name())
                .setSubject(body.subject() == null ? "" : body.subject())
                .setTtlSeconds(body.ttlSeconds() == null ? 0 : body.ttlSeconds());
        if (body.roles() != null) {
            body.roles().forEach(role -> request.addRoles(role == null ? "" : role));
        }
        var issued = calls.write(correlationId, tokens, stub -> stub.issueToken(request.build()));
        return Response.status(201).entity(Views.NewToken.of(issued)).header(Correlation.HEADER, correlationId)
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Operation(summary = "Revoke an API token", description = "Needs the admin role. The token is refused at once "
            + "by every gateway.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Token.class)))
    @APIResponse(responseCode = "404", description = "No token has this id")
    public Response revoke(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var info = calls.write(correlationId, tokens, stub -> stub.revokeToken(RevokeTokenRequest.newBuilder()
                .setCallerToken(caller.token()).setTokenId(id).build()));
        authenticator.evictToken(info.getTokenId());
        return Response.ok(Views.Token.of(info)).header(Correlation.HEADER, correlationId).build();
    }
}
