package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.CancelRunRequest;
import io.opsplane.proto.pipeline.v1.DownloadRunArtifactRequest;
import io.opsplane.proto.pipeline.v1.ListArtifactsRequest;
import io.opsplane.proto.pipeline.v1.FollowJobLogRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.LogChunk;
import io.opsplane.proto.pipeline.v1.MutinyPipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.PlayJobRequest;
import io.opsplane.proto.pipeline.v1.RetryRunRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * Runs of pipelines, their jobs and the jobs' logs. {@code {job}} is the job's name, URL-encoded: names may hold
 * spaces, {@code :}, {@code [}, {@code ]} and {@code /} (a matrix job {@code test: [a, b]} is
 * {@code test%3A%20%5Ba%2C%20b%5D}).
 */
@Path("/api/v1/runs")
@Tag(name = "Runs", description = "Runs of pipelines: their jobs, attempts and logs")
public class RunsResource {

    static final String EVENT_STREAM = "text/event-stream";
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    /** Tells a proxy in front of the gateway (nginx and the like) to pass a log on as it comes. */
    private static final String NO_PROXY_BUFFERING = "X-Accel-Buffering";
    /** Marks the end of a log's events, so that the keep-alive comments stop with them. */
    private static final byte[] END_OF_EVENTS = new byte[0];

    @GrpcClient("pipelines")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @GrpcClient("pipelines")
    MutinyPipelineServiceGrpc.MutinyPipelineServiceStub logs;

    @Inject
    ServiceCalls calls;

    @ConfigProperty(name = "opsplane.gateway.log-keep-alive")
    Duration keepAlive;

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

    @GET
    @Path("/{id}/artifacts")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "The artifacts of a run", description = "The unexpired artifacts archive of each job "
            + "(of its latest attempt that uploaded one).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunViews.ArtifactList.class)))
    @APIResponse(responseCode = "403", description = "pipelines:read is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No run has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response artifacts(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var list = calls.read(correlationId, pipelines,
                stub -> stub.listArtifacts(ListArtifactsRequest.newBuilder().setRunId(id).build()));
        return Response.ok(RunViews.ArtifactList.of(list)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{id}/jobs/{job: .+}/artifacts")
    @Produces(GZIP)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "Download a job's artifacts", description = "The job's latest unexpired artifacts archive, "
            + "a gzip-compressed tar, streamed.")
    @APIResponse(responseCode = "200", description = "The archive", content = @Content(mediaType = GZIP,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", description = "pipelines:read is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No such run or job, or the job has no (unexpired) artifacts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<byte[]> downloadArtifacts(@PathParam("id") String id,
            @Parameter(description = "The job's name, URL-encoded") @PathParam("job") String job,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        DownloadRunArtifactRequest request = DownloadRunArtifactRequest.newBuilder().setRunId(id).setJobName(job)
                .build();
        Multi<byte[]> body = calls.stream(correlationId, logs, stub -> stub.downloadRunArtifact(request))
                .filter(part -> !part.hasHeader()).map(part -> part.getData().toByteArray());
        return RestMulti.fromMultiData(body.select().where(bytes -> bytes.length > 0))
                .status(200)
                .header(HttpHeaders.CONTENT_TYPE, GZIP)
                .header("Content-Disposition", "attachment; filename=\"" + archiveName(job) + "\"")
                .header(Correlation.HEADER, correlationId)
                .build();
    }

    static final String GZIP = "application/gzip";

    /** A file name made only of letters, digits, '.', '_' and '-', whatever the job is called. */
    static String archiveName(String job) {
        String safe = job.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return (safe.isEmpty() ? "job" : safe) + "-artifacts.tar.gz";
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

    @GET
    @Path("/{id}/jobs/{job: .+}/log")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "A job's log, as it is written",
            description = "The log (masked) from `offset`, as `text/plain; charset=utf-8`, streamed as it comes. With "
                    + "`follow=true` the response stays open until the job has finished.\n\n"
                    + "With `Accept: text/event-stream`, Server-Sent Events instead: an `event: log` per piece of the "
                    + "log, its `id` the byte offset after it and one `data:` field per line (join the data of the "
                    + "events as they come to rebuild the log; CR LF and CR arrive as LF), then `event: end` with "
                    + "`{\"attempt\":N,\"offset\":N}` once the job has finished. `Last-Event-ID` resumes after that "
                    + "offset. A comment line every 15 s keeps a quiet stream open.\n\n"
                    + "Errors found before the first byte are problem+json as usual; a failure later cuts the "
                    + "response short (its chunked encoding does not end).")
    @APIResponse(responseCode = "200", description = "The log", content = {
        @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = EVENT_STREAM, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A bad follow, offset, attempt or Last-Event-ID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "pipelines:read is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No such run, job or attempt",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept admits neither text/plain nor text/event-stream")
    public RestMulti<byte[]> log(@PathParam("id") String id,
            @Parameter(description = "The job's name, URL-encoded") @PathParam("job") String job,
            @Parameter(description = "true: stay open until the job has finished; false (default): what is written so far")
            @QueryParam("follow") String follow,
            @Parameter(description = "Byte offset to start from; 0 when absent") @QueryParam("offset") String offset,
            @Parameter(description = "The attempt; the latest when absent or 0") @QueryParam("attempt") String attempt,
            @Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID",
                    description = "Server-Sent Events: the id of the last event received; resumes after it (instead "
                            + "of offset)") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context HttpHeaders headers, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        boolean events = wantsEvents(headers.getAcceptableMediaTypes());
        long start = events && lastEventId != null ? QueryParams.offset("Last-Event-ID", lastEventId)
                : QueryParams.offset("offset", offset);
        FollowJobLogRequest request = FollowJobLogRequest.newBuilder().setRunId(id).setJobName(job)
                .setAttempt(QueryParams.count("attempt", attempt)).setOffset(start)
                .setFollow(QueryParams.flag("follow", follow)).build();
        String correlationId = Correlation.resolve(correlationHeader);
        Multi<LogChunk> chunks = calls.stream(correlationId, logs, stub -> stub.followJobLog(request));
        Multi<byte[]> body = events ? withKeepAlive(events(chunks, start)) : chunks.map(c -> c.getData().toByteArray());
        return RestMulti.fromMultiData(body.select().where(bytes -> bytes.length > 0))
                .status(200)
                .header(HttpHeaders.CONTENT_TYPE, events ? EVENT_STREAM : PLAIN_TEXT)
                .header(NO_PROXY_BUFFERING, "no")
                .header(Correlation.HEADER, correlationId)
                .build();
    }

    private static Multi<byte[]> events(Multi<LogChunk> chunks, long start) {
        LogEvents format = new LogEvents(start);
        return chunks.map(chunk -> {
            String out = format.chunk(chunk.getOffset(), chunk.getData().toByteArray());
            return (chunk.getComplete() ? out + format.end(chunk.getAttempt()) : out).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** The events, with a comment every {@code opsplane.gateway.log-keep-alive} in between; they end together. */
    private Multi<byte[]> withKeepAlive(Multi<byte[]> events) {
        byte[] comment = LogEvents.KEEP_ALIVE.getBytes(StandardCharsets.UTF_8);
        Multi<byte[]> ticks = Multi.createFrom().ticks().startingAfter(keepAlive).every(keepAlive)
                .onOverflow().drop().map(tick -> comment);
        return Multi.createBy().merging().streams(events.onCompletion().continueWith(END_OF_EVENTS), ticks)
                .select().first(bytes -> bytes != END_OF_EVENTS);
    }

    /**
     * Whether the caller asks for Server-Sent Events: the first acceptable type that either format fits decides,
     * and a wildcard means plain text. 406 when neither fits.
     */
    static boolean wantsEvents(List<MediaType> acceptable) {
        MediaType eventStream = MediaType.SERVER_SENT_EVENTS_TYPE;
        for (MediaType type : acceptable) {
            if (type.getType().equalsIgnoreCase(eventStream.getType())
                    && type.getSubtype().equalsIgnoreCase(eventStream.getSubtype())) {
                return true;
            }
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return false;
            }
        }
        if (acceptable.isEmpty()) {
            return false;
        }
        throw new NotAcceptableException();
    }
}
