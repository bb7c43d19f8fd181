package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.security.v1.AuditQuery;
import io.opsplane.proto.security.v1.AuditServiceGrpc;
import io.opsplane.proto.security.v1.VerifyAuditRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "The hash-chained audit ledger of every change, denial and secret use")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @GrpcClient("audit")
    AuditServiceGrpc.AuditServiceBlockingStub audit;

    @Inject
    ServiceCalls calls;

    @GET
    @Extension(name = Permissions.EXTENSION, value = "audit:read")
    @Operation(summary = "Audit records, oldest first", description = "Filters: subject, resource (`<kind>:<name>`), "
            + "action (a permission), outcome (succeeded, failed, denied), correlationId, from and to (RFC 3339). "
            + "Paged: pass nextPageToken back as pageToken.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.AuditPageView.class)))
    public Response list(@QueryParam("subject") String subject, @QueryParam("resource") String resource,
            @QueryParam("action") String action, @QueryParam("outcome") String outcome,
            @QueryParam("correlationId") String correlationId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("0") int limit,
            @QueryParam("pageToken") String pageToken, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlation = Correlation.resolve(correlationHeader);
        AuditQuery.Builder query = AuditQuery.newBuilder().setSubject(Views.orEmpty(subject)).setResource(Views.orEmpty(resource))
                .setAction(Views.orEmpty(action)).setOutcome(Views.orEmpty(outcome)).setCorrelationId(Views.orEmpty(correlationId))
                .setLimit(limit).setPageToken(Views.orEmpty(pageToken));
        if (from != null) {
            query.setFrom(Views.timestamp("from", from));
        }
        if (to != null) {
            query.setTo(Views.timestamp("to", to));
        }
        var page = calls.read(correlation, audit, stub -> stub.listAuditRecords(query.build()));
        return Response.ok(Views.AuditPageView.of(page)).header(Correlation.HEADER, correlation).build();
    }

    @POST
    @Path("/verify")
    @Extension(name = Permissions.EXTENSION, value = "audit:verify")
    @Operation(summary = "Verify the whole ledger", description = "Recomputes the hash chain and checks it against the "
            + "signed checkpoints: `ok`, or the first record edited, deleted or reordered, and whether the tail was "
            + "truncated since the last checkpoint.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.AuditVerificationView.class)))
    public Response verify(@HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlation = Correlation.resolve(correlationHeader);
        var verification = calls.read(correlation, audit, stub -> stub.verifyAudit(VerifyAuditRequest.getDefaultInstance()));
        return Response.ok(Views.AuditVerificationView.of(verification)).header(Correlation.HEADER, correlation).build();
    }

}
