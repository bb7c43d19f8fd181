package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.CancelRunRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.PlayJobRequest;
import io.opsplane.proto.pipeline.v1.RetryRunRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs of pipelines and their jobs. {@code {job}} is the job's name, URL-encoded: names may hold
 * spaces, {@code :}, {@code [}, {@code ]} and {@code /} (a matrix job {@code test: [a, b]} is
 * {@code test%3A%20%5Ba%2C%20b%5D}).
 */
@Path("/api/v1/runs")
@Tag(name = "Runs", description = "Runs of pipelines: their jobs and attempts")
public class RunsResource {

    @GrpcClient("pipelines")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @Inject
    ServiceCalls calls;

    /** Where a run is read. */
    static URI location(String runId) {
        return UriBuilder.fromPath("/api/v1/runs/{id}").build(runId);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "A run with its stages, jobs and their attempts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunViews.RunView.class)))
    @APIResponse(responseCode = "404", description = "No run has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var run = calls.read(correlationId, pipelines, stub -> stub.getRun(GetRunRequest.newBuilder().setRunId(id).build()));
        return Response.ok(RunViews.RunView.of(run)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:cancel")
    @Operation(summary = "Cancel a run", description = "Queued jobs are canceled; running ones are stopped.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = RunViews.RunView.class)))
    @APIResponse(responseCode = "403", description = "pipelines:cancel is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No run has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var run = calls.write(correlationId, pipelines,
                stub -> stub.cancelRun(CancelRunRequest.newBuilder().setRunId(id).build()));
        return Response.ok(RunViews.RunView.of(run)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:run")
    @Operation(summary = "Retry the failed and canceled jobs of a finished run",
            description = "They (and the jobs skipped because of them) run again as new attempts; successful jobs "
                    + "and their artifacts are kept.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = RunViews.RunView.class)))
    @APIResponse(responseCode = "400", description = "The run is still active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "pipelines:run is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No run has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retry(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var run = calls.write(correlationId, pipelines,
                stub -> stub.retryRun(RetryRunRequest.newBuilder().setRunId(id).build()));
        return Response.ok(RunViews.RunView.of(run)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/{id}/jobs/{job: .+}/play")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:play")
    @Operation(summary = "Start a manual job", description = "The body, with variables for this job only, may be "
            + "left out.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = RunViews.RunView.class)))
    @APIResponse(responseCode = "400", description = "A body of the wrong shape, or the job is not waiting to be played",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "pipelines:play is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No such run, or no such job in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response play(@PathParam("id") String id,
            @Parameter(description = "The job's name, URL-encoded") @PathParam("job") String job, RunViews.PlayJob body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        PlayJobRequest.Builder request = PlayJobRequest.newBuilder().setRunId(id).setJobName(job);
        if (body != null && body.variables() != null) {
            request.putAllVariables(body.variables());
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var run = calls.write(correlationId, pipelines, stub -> stub.playJob(request.build()));
        return Response.ok(RunViews.RunView.of(run)).header(Correlation.HEADER, correlationId).build();
    }
}
