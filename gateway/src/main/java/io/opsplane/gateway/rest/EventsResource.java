package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.TimelineQuery;
import io.opsplane.proto.observability.v1.TimelineServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(name = "Events", description = "The timeline of every domain event, oldest first")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @GrpcClient("timeline")
    TimelineServiceGrpc.TimelineServiceBlockingStub timeline;

    @Inject
    ServiceCalls calls;

    @GET
    @Extension(name = Permissions.EXTENSION, value = "events:read")
    @Operation(summary = "Query the event timeline")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.EventPage.class)))
    @APIResponse(responseCode = "400", description = "A bad filter, limit, time or cursor")
    public Response query(
            @Parameter(description = "Only events of this correlation id") @QueryParam("correlationId") String correlationId,
            @Parameter(description = "Only events of this type, e.g. opsplane.events.v1.PipelineRegistered")
            @QueryParam("type") String type,
            @Parameter(description = "Only events about this aggregate") @QueryParam("subject") String subject,
            @Parameter(description = "RFC 3339 time, inclusive") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339 time, exclusive") @QueryParam("to") String to,
            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        TimelineQuery.Builder query = TimelineQuery.newBuilder();
        if (correlationId != null) {
            query.setCorrelationId(correlationId);
        }
        if (type != null) {
            query.setType(type);
        }
        if (subject != null) {
            query.setSubject(subject);
        }
        if (from != null) {
            query.setFrom(Views.timestamp("from", from));
        }
        if (to != null) {
            query.setTo(Views.timestamp("to", to));
        }
        if (limit != null) {
            query.setLimit(limit(limit));
        }
        if (cursor != null) {
            query.setCursor(cursor);
        }
        String requestCorrelation = Correlation.resolve(correlationHeader);
        var page = calls.read(requestCorrelation, timeline, stub -> stub.queryTimeline(query.build()));
        return Response.ok(Views.EventPage.of(page)).header(Correlation.HEADER, requestCorrelation).build();
    }

    /** A number from 1 to 1000; anything else is a 400 that says so (not the 404 of a failed conversion). */
    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as a number out of range
        }
        throw new IllegalArgumentException("limit must be a whole number between 1 and 1000");
    }

}
