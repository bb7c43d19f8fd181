package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.CreateEventTriggerRequest;
import io.opsplane.proto.pipeline.v1.EventTrigger;
import io.opsplane.proto.pipeline.v1.EventTriggerRequest;
import io.opsplane.proto.pipeline.v1.ListEventTriggersRequest;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.UpdateEventTriggerRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/event-triggers")
@Tag(name = "Event triggers", description = "Runs of a pipeline started by domain events that pass filters")
@Produces(MediaType.APPLICATION_JSON)
public class EventTriggersResource {

    @GrpcClient("pipelines")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @Inject
    ServiceCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Create an event trigger of a pipeline",
            description = "Each event of the type whose filters all hold starts one run, however often it is "
                    + "delivered; the run gets OPSPLANE_EVENT_ID, _TYPE, _SOURCE, _SUBJECT and _DATA. The trigger "
                    + "runs as its creator, who needs pipelines:run on the pipeline as well.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TriggerViews.Trigger.class)))
    @APIResponse(responseCode = "400", description = "An unknown event type, or the filter at fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such pipeline")
    public Response create(@QueryParam("pipeline") String pipeline, TriggerViews.SetEventTrigger body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with eventType");
        }
        if (pipeline == null || pipeline.isBlank()) {
            throw new IllegalArgumentException("the query parameter pipeline names the pipeline to trigger");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        EventTrigger created = calls.write(correlationId, pipelines, stub -> stub.createEventTrigger(
                CreateEventTriggerRequest.newBuilder().setTrigger(body.toMessage(pipeline)).build()));
        return Response.created(URI.create("/api/v1/event-triggers/" + created.getId()))
                .entity(TriggerViews.Trigger.of(created)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "The event triggers of a pipeline, or of every pipeline the caller may read")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TriggerViews.TriggerList.class)))
    public Response list(@QueryParam("pipeline") String pipeline,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var found = calls.read(correlationId, pipelines, stub -> stub.listEventTriggers(ListEventTriggersRequest
                .newBuilder().setPipelineName(pipeline == null ? "" : pipeline).build()));
        return Response.ok(new TriggerViews.TriggerList(found.getTriggersList().stream()
                .map(TriggerViews.Trigger::of).toList())).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{id}")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "An event trigger with its latest firings (run id, state, error)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TriggerViews.Trigger.class)))
    @APIResponse(responseCode = "404", description = "No such event trigger")
    public Response get(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        EventTrigger found = calls.read(correlationId, pipelines, stub -> stub.getEventTrigger(
                EventTriggerRequest.newBuilder().setId(id).build()));
        return Response.ok(TriggerViews.Trigger.of(found)).header(Correlation.HEADER, correlationId).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Replace an event trigger's type, filters, ref, variables, description and active")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TriggerViews.Trigger.class)))
    @APIResponse(responseCode = "400", description = "An unknown event type, or the filter at fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, TriggerViews.SetEventTrigger body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with eventType");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        EventTrigger updated = calls.write(correlationId, pipelines, stub -> stub.updateEventTrigger(
                UpdateEventTriggerRequest.newBuilder().setTrigger(body.toMessage("").setId(id)).build()));
        return Response.ok(TriggerViews.Trigger.of(updated)).header(Correlation.HEADER, correlationId).build();
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Delete an event trigger")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such event trigger")
    public Response delete(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        calls.write(correlationId, pipelines, stub -> stub.deleteEventTrigger(EventTriggerRequest.newBuilder()
                .setId(id).build()));
        return Response.noContent().header(Correlation.HEADER, correlationId).build();
    }
}
