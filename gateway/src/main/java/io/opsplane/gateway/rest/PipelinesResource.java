package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.GetPipelineRequest;
import io.opsplane.proto.pipeline.v1.GetPipelineSourceRequest;
import io.opsplane.proto.pipeline.v1.PipelineSource;
import io.opsplane.proto.pipeline.v1.SetPipelineSourceRequest;
import io.opsplane.proto.pipeline.v1.ListPipelinesRequest;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.RegisterPipelineResponse;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/pipelines")
@Tag(name = "Pipelines", description = "Pipelines as code: each changed definition is a new immutable version")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {

    @GrpcClient("pipelines")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @Inject
    ServiceCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Register a pipeline definition",
            description = "Creates the pipeline or a new version of it. Registering the document of the latest "
                    + "version again changes nothing and answers 200.")
    @APIResponse(responseCode = "201", description = "A new version",
            content = @Content(schema = @Schema(implementation = Views.Registration.class)))
    @APIResponse(responseCode = "200", description = "Unchanged: the latest version has this document")
    @APIResponse(responseCode = "400", description = "Invalid name or YAML (the detail names line and column)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    public Response register(Views.RegisterPipeline body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with name and definition");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        RegisterPipelineResponse response = calls.write(correlationId, pipelines, stub -> stub.registerPipeline(
                RegisterPipelineRequest.newBuilder()
                        .setName(body.name() == null ? "" : body.name())
                        .setDefinition(body.definition() == null ? "" : body.definition()).build()));
        Views.Registration registration = new Views.Registration(response.getCreated(),
                Views.Version.of(response.getVersion()));
        return (response.getCreated()
                ? Response.created(URI.create("/api/v1/pipelines/" + response.getVersion().getPipelineName()))
                : Response.ok())
                .entity(registration).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "The pipelines the caller may read, by name",
            description = "Paged: pass nextPageToken back as pageToken. Pipelines the caller may not read are left "
                    + "out; a page can be short while nextPageToken is present.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.PipelinePage.class)))
    @APIResponse(responseCode = "400", description = "A bad prefix, pageSize or pageToken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@Parameter(description = "Only names starting with this") @QueryParam("prefix") String prefix,
            @Parameter(description = "At most 500; 100 when absent") @QueryParam("pageSize") String pageSize,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") String pageToken,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        ListPipelinesRequest request = ListPipelinesRequest.newBuilder().setNamePrefix(Views.orEmpty(prefix))
                .setPageSize(QueryParams.wholeNumber("pageSize", pageSize, 0))
                .setPageToken(Views.orEmpty(pageToken)).build();
        String correlationId = Correlation.resolve(correlationHeader);
        var page = calls.read(correlationId, pipelines, stub -> stub.listPipelines(request));
        return Response.ok(Views.PipelinePage.of(page)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{name}")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "A pipeline with all its versions, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.PipelineView.class)))
    @APIResponse(responseCode = "404", description = "No pipeline has this name")
    public Response get(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var pipeline = calls.read(correlationId, pipelines,
                stub -> stub.getPipeline(GetPipelineRequest.newBuilder().setName(name).build()));
        return Response.ok(Views.PipelineView.of(pipeline)).header(Correlation.HEADER, correlationId).build();
    }

    @POST
    @Path("/{name}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:run")
    @Operation(summary = "Start a run",
            description = "Runs the latest version (or the given one) for a ref and commit. The body may be left "
                    + "out: the latest version on main.")
    @APIResponse(responseCode = "201", description = "The run; Location names it",
            content = @Content(schema = @Schema(implementation = RunViews.RunView.class)))
    @APIResponse(responseCode = "400", description = "A body of the wrong shape, a definition that cannot run (the "
            + "detail names the keyword, job, line and column), or workflow:rules that create no run for this ref",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "pipelines:run is not granted on this pipeline")
    @APIResponse(responseCode = "404", description = "No pipeline (or version) has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response trigger(@PathParam("name") String name, RunViews.TriggerRun body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        TriggerRunRequest.Builder request = TriggerRunRequest.newBuilder().setPipelineName(name);
        if (body != null) {
            request.setRef(Views.orEmpty(body.ref())).setCommitSha(Views.orEmpty(body.commitSha()))
                    .setVersion(body.version() == null ? 0 : body.version());
            if (body.variables() != null) {
                request.putAllVariables(body.variables());
            }
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var run = calls.write(correlationId, pipelines, stub -> stub.triggerRun(request.build()));
        return Response.created(RunsResource.location(run.getId())).entity(RunViews.RunView.of(run))
                .header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{name}/runs")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "The runs of a pipeline, newest first, without their jobs",
            description = "Paged: pass nextPageToken back as pageToken.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunViews.RunPage.class)))
    @APIResponse(responseCode = "400", description = "A bad pageSize or pageToken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No pipeline has this name")
    public Response runs(@PathParam("name") String name,
            @Parameter(description = "At most 100; 20 when absent") @QueryParam("pageSize") String pageSize,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") String pageToken,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        ListRunsRequest request = ListRunsRequest.newBuilder().setPipelineName(name)
                .setPageSize(QueryParams.wholeNumber("pageSize", pageSize, 0))
                .setPageToken(Views.orEmpty(pageToken)).build();
        String correlationId = Correlation.resolve(correlationHeader);
        var page = calls.read(correlationId, pipelines, stub -> stub.listRuns(request));
        return Response.ok(RunViews.RunPage.of(page)).header(Correlation.HEADER, correlationId).build();
    }

    @PUT
    @Path("/{name}/source")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "pipelines:write")
    @Operation(summary = "Bind the pipeline to a git repository",
            description = "Runs of a commit then read the definition (.opsplane-ci.yml, else .gitlab-ci.yml) from "
                    + "the repository at that commit. https:// and ssh:// URLs (file:// where the operator allows it); "
                    + "branch and tag filters are glob patterns; credentialsSecret and webhookSecret name secrets of "
                    + "scope pipeline:<name> (webhookSecret: WEBHOOK_SECRET when left out); pollIntervalSeconds 0 "
                    + "(no polling) or at least 10.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SourceViews.Source.class)))
    @APIResponse(responseCode = "400", description = "A URL of a refused scheme, a bad filter or interval",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response setSource(@PathParam("name") String name, SourceViews.SetSource body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with repositoryUrl");
        }
        String correlationId = Correlation.resolve(correlationHeader);
        PipelineSource.Builder source = PipelineSource.newBuilder().setPipelineName(name)
                .setRepositoryUrl(body.repositoryUrl() == null ? "" : body.repositoryUrl())
                .addAllBranches(body.branches() == null ? java.util.List.of() : body.branches())
                .addAllTags(body.tags() == null ? java.util.List.of() : body.tags())
                .setCredentialsSecret(body.credentialsSecret() == null ? "" : body.credentialsSecret())
                .setWebhookSecret(body.webhookSecret() == null ? "" : body.webhookSecret())
                .setPollIntervalSeconds(body.pollIntervalSeconds() == null ? 0 : body.pollIntervalSeconds());
        PipelineSource saved = calls.write(correlationId, pipelines, stub -> stub.setPipelineSource(
                SetPipelineSourceRequest.newBuilder().setSource(source).build()));
        return Response.ok(SourceViews.Source.of(saved)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{name}/source")
    @Extension(name = Permissions.EXTENSION, value = "pipelines:read")
    @Operation(summary = "The pipeline's git source")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SourceViews.Source.class)))
    @APIResponse(responseCode = "404", description = "No such pipeline, or it has no source")
    public Response getSource(@PathParam("name") String name,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        PipelineSource source = calls.read(correlationId, pipelines, stub -> stub.getPipelineSource(
                GetPipelineSourceRequest.newBuilder().setPipelineName(name).build()));
        return Response.ok(SourceViews.Source.of(source)).header(Correlation.HEADER, correlationId).build();
    }
}
