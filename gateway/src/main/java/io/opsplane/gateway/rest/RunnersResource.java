package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.ListRunnersRequest;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc;
import io.opsplane.proto.pipeline.v1.SetRunnerPausedRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The runners that run pipeline jobs, as people see and steer them. The runner protocol itself (register,
 * acquire, lease, log, result) is gRPC only, between runners and pipeline-service.
 */
@Path("/api/v1/runners")
@Tag(name = "Runners", description = "The runners that take pipeline jobs")
@Produces(MediaType.APPLICATION_JSON)
public class RunnersResource {

    /** pipeline-service serves the runner protocol too. */
    @GrpcClient("pipelines")
    RunnerServiceGrpc.RunnerServiceBlockingStub runners;

    @Inject
    ServiceCalls calls;

    @GET
    @Extension(name = Permissions.EXTENSION, value = "runners:read")
    @Operation(summary = "The registered runners")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunViews.RunnerList.class)))
    @APIResponse(responseCode = "403", description = "runners:read is not granted")
    public Response list(@HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var list = calls.read(correlationId, runners, stub -> stub.listRunners(ListRunnersRequest.getDefaultInstance()));
        return Response.ok(RunViews.RunnerList.of(list)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/{id}/pause")
    @Extension(name = Permissions.EXTENSION, value = "runners:manage")
    @Operation(summary = "Pause a runner", description = "It gets no new jobs; the jobs it runs finish.")
    @APIResponse(responseCode = "200", description = "The runner",
            content = @Content(schema = @Schema(implementation = RunViews.RunnerView.class)))
    @APIResponse(responseCode = "403", description = "runners:manage is not granted")
    @APIResponse(responseCode = "404", description = "No runner has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pause(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return setPaused(id, true, correlationHeader);
    }

    @POST
    @Path("/{id}/resume")
    @Extension(name = Permissions.EXTENSION, value = "runners:manage")
    @Operation(summary = "Resume a paused runner", description = "It takes jobs again.")
    @APIResponse(responseCode = "200", description = "The runner",
            content = @Content(schema = @Schema(implementation = RunViews.RunnerView.class)))
    @APIResponse(responseCode = "403", description = "runners:manage is not granted")
    @APIResponse(responseCode = "404", description = "No runner has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resume(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return setPaused(id, false, correlationHeader);
    }

    private Response setPaused(String id, boolean paused, String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var runner = calls.write(correlationId, runners, stub -> stub.setRunnerPaused(
                SetRunnerPausedRequest.newBuilder().setRunnerId(id).setPaused(paused).build()));
        return Response.ok(RunViews.RunnerView.of(runner)).header(Correlation.HEADER, correlationId).build();
    }
}
