package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.CreateScheduleRequest;
import io.opsplane.proto.pipeline.v1.ListSchedulesRequest;
import io.opsplane.proto.pipeline.v1.PipelineSchedule;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.ScheduleRequest;
import io.opsplane.proto.pipeline.v1.UpdateScheduleRequest;
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

@Path("/api/v1/schedules")
@Tag(name = "Schedules", description = "Runs of a pipeline on a cron schedule in a time zone, once each time due")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulesResource {

    @GrpcClient("pipelines")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @Inject
    ServiceCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Create a schedule of a pipeline",
            description = "The schedule runs as its creator, who needs pipelines:run on the pipeline as well. After "
                    + "downtime a schedule that missed one or more times starts one run, then keeps to its cron.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TriggerViews.Schedule.class)))
    @APIResponse(responseCode = "400", description = "The detail names the cron field or time zone at fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such pipeline")
    public Response create(@QueryParam("pipeline") String pipeline, TriggerViews.SetSchedule body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with cron");
        }
        if (pipeline == null || pipeline.isBlank()) {
            throw new IllegalArgumentException("the query parameter pipeline names the pipeline to schedule");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        PipelineSchedule created = calls.write(correlationId, pipelines, stub -> stub.createSchedule(
                CreateScheduleRequest.newBuilder().setSchedule(body.toMessage(pipeline)).build()));
        return Response.created(URI.create("/api/v1/schedules/" + created.getId()))
                .entity(TriggerViews.Schedule.of(created)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "The schedules of a pipeline, or of every pipeline the caller may read")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TriggerViews.ScheduleList.class)))
    public Response list(@QueryParam("pipeline") String pipeline,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var found = calls.read(correlationId, pipelines, stub -> stub.listSchedules(ListSchedulesRequest.newBuilder()
                .setPipelineName(pipeline == null ? "" : pipeline).build()));
        return Response.ok(new TriggerViews.ScheduleList(found.getSchedulesList().stream()
                .map(TriggerViews.Schedule::of).toList())).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{id}")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "A schedule with its next due time and latest firings (run id, state, error)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TriggerViews.Schedule.class)))
    @APIResponse(responseCode = "404", description = "No such schedule")
    public Response get(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        PipelineSchedule found = calls.read(correlationId, pipelines, stub -> stub.getSchedule(
                ScheduleRequest.newBuilder().setId(id).build()));
        return Response.ok(TriggerViews.Schedule.of(found)).header(Correlation.HEADER, correlationId).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Replace a schedule's cron, time zone, ref, variables, description and active")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TriggerViews.Schedule.class)))
    @APIResponse(responseCode = "400", description = "The detail names the cron field or time zone at fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, TriggerViews.SetSchedule body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with cron");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        PipelineSchedule updated = calls.write(correlationId, pipelines, stub -> stub.updateSchedule(
                UpdateScheduleRequest.newBuilder().setSchedule(body.toMessage("").setId(id)).build()));
        return Response.ok(TriggerViews.Schedule.of(updated)).header(Correlation.HEADER, correlationId).build();
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Delete a schedule")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such schedule")
    public Response delete(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        calls.write(correlationId, pipelines, stub -> stub.deleteSchedule(ScheduleRequest.newBuilder().setId(id)
                .build()));
        return Response.noContent().header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/{id}/run")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:run")
    @Operation(summary = "Run a schedule now, as the caller", description = "Its cron is unchanged.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = RunViews.RunView.class)))
    public Response runNow(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var run = calls.write(correlationId, pipelines, stub -> stub.runScheduleNow(ScheduleRequest.newBuilder()
                .setId(id).build()));
        return Response.created(RunsResource.location(run.getId())).entity(RunViews.RunView.of(run))
                .header(Correlation.HEADER, correlationId).build();
    }
}
