package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.security.v1.DeleteSecretRequest;
import io.opsplane.proto.security.v1.ListSecretsRequest;
import io.opsplane.proto.security.v1.PutSecretRequest;
import io.opsplane.proto.security.v1.RotateMasterKeyRequest;
import io.opsplane.proto.security.v1.SecretServiceGrpc;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Secrets, write-only: values go in and never come out through this API. Only platform services read a value,
 * over gRPC, when they use it. {@code {scope}} is {@code global} or {@code <kind>:<name>}
 * ({@code pipeline:web}; the colon may be sent as {@code %3A}).
 */
@Path("/api/v1/secrets")
@Tag(name = "Secrets", description = "Named, encrypted secrets at a scope. Write-only: no operation returns a value")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

    @GrpcClient("secrets")
    SecretServiceGrpc.SecretServiceBlockingStub secrets;

    @Inject
    ServiceCalls calls;

    @PUT
    @Path("/{scope}/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "secrets:write")
    @Operation(summary = "Store a secret's value", description = "Creates version 1, or the next version of an "
            + "existing secret. Needs secrets:write throughout the scope. The value is never returned.")
    @APIResponse(responseCode = "201", description = "A new secret",
            content = @Content(schema = @Schema(implementation = SecretViews.SecretView.class)))
    @APIResponse(responseCode = "200", description = "A new version of an existing secret",
            content = @Content(schema = @Schema(implementation = SecretViews.SecretView.class)))
    @APIResponse(responseCode = "403", description = "secrets:write is not granted throughout the scope")
    public Response put(@PathParam("scope") String scope, @PathParam("name") String name, SecretViews.PutSecret body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null || body.value() == null) {
            throw new IllegalArgumentException("the body must be a JSON object with the field value");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var info = calls.write(correlationId, secrets, stub -> stub.putSecret(PutSecretRequest.newBuilder()
                .setScope(scope).setName(name).setValue(body.value()).build()));
        return Response.status(info.getVersion() == 1 ? 201 : 200).entity(SecretViews.SecretView.of(info))
                .header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Extension(name = Permissions.EXTENSION, value = "secrets:read")
    @Operation(summary = "The secrets the caller may read, without values",
            description = "Only secrets at scopes where the caller holds secrets:read, ordered by scope and name. "
                    + "`scope` keeps one scope. Paged: pass nextPageToken back as pageToken.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SecretViews.SecretPage.class)))
    public Response list(@QueryParam("scope") String scope, @QueryParam("limit") @DefaultValue("0") int limit,
            @QueryParam("pageToken") String pageToken, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var page = calls.read(correlationId, secrets, stub -> stub.listSecrets(ListSecretsRequest.newBuilder()
                .setScope(Views.orEmpty(scope)).setLimit(limit).setPageToken(Views.orEmpty(pageToken)).build()));
        return Response.ok(SecretViews.SecretPage.of(page)).header(Correlation.HEADER, correlationId).build();
    }

    @DELETE
    @Path("/{scope}/{name}")
    @Extension(name = Permissions.EXTENSION, value = "secrets:write")
    @Operation(summary = "Delete a secret", description = "Its value cannot be opened again. Needs secrets:write "
            + "throughout the scope.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SecretViews.SecretView.class)))
    public Response delete(@PathParam("scope") String scope, @PathParam("name") String name,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var info = calls.write(correlationId, secrets, stub -> stub.deleteSecret(DeleteSecretRequest.newBuilder()
                .setScope(scope).setName(name).build()));
        return Response.ok(SecretViews.SecretView.of(info)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/rotate-master-key")
    @Extension(name = Permissions.EXTENSION, value = "secrets:rotate")
    @Operation(summary = "Rewrap every data key under the current master key",
            description = "Run it once every security-service instance has the new master key as current and the "
                    + "old one in OPSPLANE_MASTER_KEY_PREVIOUS; reads go on meanwhile. Then the old key can go.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = SecretViews.MasterKeyRotationView.class)))
    public Response rotateMasterKey(@HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var rotation = calls.write(correlationId, secrets,
                stub -> stub.rotateMasterKey(RotateMasterKeyRequest.getDefaultInstance()));
        return Response.ok(SecretViews.MasterKeyRotationView.of(rotation)).header(Correlation.HEADER, correlationId)
                .build();
    }

}
