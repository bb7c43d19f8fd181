package io.opsplane.gateway.rest;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.deploy.v1.CreateApplicationRequest;
import io.opsplane.proto.deploy.v1.CreateEnvironmentRequest;
import io.opsplane.proto.deploy.v1.DeployRequest;
import io.opsplane.proto.deploy.v1.DeployServiceGrpc;
import io.opsplane.proto.deploy.v1.DeploymentCommandRequest;
import io.opsplane.proto.deploy.v1.GetApplicationRequest;
import io.opsplane.proto.deploy.v1.GetDeploymentRequest;
import io.opsplane.proto.deploy.v1.GetEnvironmentRequest;
import io.opsplane.proto.deploy.v1.ListDeploymentsRequest;
import io.opsplane.proto.deploy.v1.ListInstancesRequest;
import io.opsplane.proto.deploy.v1.PromoteRequest;
import io.opsplane.proto.deploy.v1.RollbackRequest;
import io.opsplane.proto.deploy.v1.ScaleRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Applications, environments, deployments (rollouts) and instances of deploy-service. Bodies are the proto JSON
 * mapping of the messages in {@code opsplane/deploy/v1/deploy.proto}.
 */
@Path("/api/v1")
@Tag(name = "Deployments", description = "Applications, environments, blue-green and canary rollouts through a real "
        + "load balancer, analysis measurements, instances and scaling")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

    @GrpcClient("deployments")
    DeployServiceGrpc.DeployServiceBlockingStub deployments;

    @Inject
    ServiceCalls calls;

    @POST
    @Path("/applications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:create")
    @Operation(summary = "Register an application",
            description = "name, artifactPath (a folder below deploy-service's artifact root), startCommand, "
                    + "healthCheckPath, defaultStrategy, configurationSchema.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            description = "opsplane.deploy.v1.Application as JSON")))
    @APIResponse(responseCode = "201", description = "The application (opsplane.deploy.v1.Application)")
    @APIResponse(responseCode = "400", description = "A field is wrong (the detail names it), e.g. an artifact path "
            + "that leaves the artifact root", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Response createApplication(String body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        var application = ProtoJson.parse(body, io.opsplane.proto.deploy.v1.Application.newBuilder()).build();
        return created(correlationHeader, "/api/v1/applications/" + application.getName(), stub -> stub.createApplication(
                CreateApplicationRequest.newBuilder().setApplication(application).build()));
    }

    @GET
    @Path("/applications/{app}")
    @Extension(name = Permissions.EXTENSION, value = "deployments:read")
    @Operation(summary = "An application")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Application")
    @APIResponse(responseCode = "404", description = "No application has this name")
    public Response application(@PathParam("app") String app, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return read(correlationHeader, stub -> stub.getApplication(GetApplicationRequest.newBuilder().setName(app).build()));
    }

    @POST
    @Path("/environments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "environments:write")
    @Operation(summary = "Register an environment",
            description = "name, target (local), protected, router {kind: haproxy, portRangeStart, portRangeEnd}.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            description = "opsplane.deploy.v1.Environment as JSON")))
    @APIResponse(responseCode = "201", description = "The environment (opsplane.deploy.v1.Environment)")
    @APIResponse(responseCode = "400", description = "A field is wrong (the detail names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Response createEnvironment(String body, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        var environment = ProtoJson.parse(body, io.opsplane.proto.deploy.v1.Environment.newBuilder()).build();
        return created(correlationHeader, "/api/v1/environments/" + environment.getName(), stub -> stub.createEnvironment(
                CreateEnvironmentRequest.newBuilder().setEnvironment(environment).build()));
    }

    @GET
    @Path("/environments/{env}")
    @Extension(name = Permissions.EXTENSION, value = "environments:read")
    @Operation(summary = "An environment")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Environment")
    @APIResponse(responseCode = "404", description = "No environment has this name")
    public Response environment(@PathParam("env") String env, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return read(correlationHeader, stub -> stub.getEnvironment(GetEnvironmentRequest.newBuilder().setName(env).build()));
    }

    @POST
    @Path("/applications/{app}/environments/{env}/deployments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:create")
    @Operation(summary = "Deploy a version",
            description = "version, configurationVersion, strategy ({canary: {steps: [{setWeight: 10}, {pause: {}}, "
                    + "{analysis: name}], backgroundAnalysis}} or {blueGreen: {...}}), replicas, analysisTemplates, "
                    + "analysisArgs, progressDeadline, commitSha, pipelineRunId, allowBadRelease.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            description = "opsplane.deploy.v1.DeployRequest as JSON (application and environment come from the path)")))
    @APIResponse(responseCode = "201", description = "The deployment (opsplane.deploy.v1.Deployment); Location names it")
    @APIResponse(responseCode = "400", description = "A field is wrong (weight 150, replicas -1, an invalid analysis "
            + "query...), or the release was rolled back before", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such application or environment")
    @APIResponse(responseCode = "409", description = "Another deployment of the application there is in progress")
    public Response deploy(@PathParam("app") String app, @PathParam("env") String env, String body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        DeployRequest request = ProtoJson.parse(body, DeployRequest.newBuilder()).setApplication(app)
                .setEnvironment(env).build();
        String correlationId = Correlation.resolve(correlationHeader);
        var deployment = calls.write(correlationId, deployments, stub -> stub.deploy(request));
        return Response.created(URI.create("/api/v1/deployments/" + deployment.getId()))
                .entity(ProtoJson.print(deployment)).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/applications/{app}/environments/{env}/deployments")
    @Extension(name = Permissions.EXTENSION, value = "deployments:read")
    @Operation(summary = "The deployments of an application in an environment, newest first")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.ListDeploymentsResponse")
    public Response list(@PathParam("app") String app, @PathParam("env") String env, @QueryParam("limit") String limit,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        int size = QueryParams.wholeNumber("limit", limit, 0);
        return read(correlationHeader, stub -> stub.listDeployments(ListDeploymentsRequest.newBuilder()
                .setApplication(app).setEnvironment(env).setLimit(size).build()));
    }

    @GET
    @Path("/deployments/{id}")
    @Extension(name = Permissions.EXTENSION, value = "deployments:read")
    @Operation(summary = "A deployment: phase, step, weights, analysis runs with every measurement")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    @APIResponse(responseCode = "404", description = "No deployment has this id")
    public Response deployment(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return read(correlationHeader, stub -> stub.getDeployment(GetDeploymentRequest.newBuilder().setId(id).build()));
    }

    @POST
    @Path("/deployments/{id}/promote")
    @Extension(name = Permissions.EXTENSION, value = "deployments:promote")
    @Operation(summary = "Past the current pause or analysis; ?full=true: straight to 100 %")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    @APIResponse(responseCode = "400", description = "The deployment's phase does not allow it")
    public Response promote(@PathParam("id") String id, @QueryParam("full") boolean full,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return write(correlationHeader, stub -> stub.promote(PromoteRequest.newBuilder().setId(id).setFull(full).build()));
    }

    @POST
    @Path("/deployments/{id}/pause")
    @Extension(name = Permissions.EXTENSION, value = "deployments:promote")
    @Operation(summary = "Hold the deployment at its step")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    public Response pause(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return write(correlationHeader, stub -> stub.pause(command(id)));
    }

    @POST
    @Path("/deployments/{id}/resume")
    @Extension(name = Permissions.EXTENSION, value = "deployments:promote")
    @Operation(summary = "Go on from a pause")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    public Response resume(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return write(correlationHeader, stub -> stub.resume(command(id)));
    }

    @POST
    @Path("/deployments/{id}/abort")
    @Extension(name = Permissions.EXTENSION, value = "deployments:rollback")
    @Operation(summary = "All traffic back to the old release; the release is not marked bad")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    public Response abort(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return write(correlationHeader, stub -> stub.abort(command(id)));
    }

    @POST
    @Path("/deployments/{id}/approve")
    @Extension(name = Permissions.EXTENSION, value = "deployments:approve")
    @Operation(summary = "Let a deployment to a protected environment start (not by its requester)")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    @APIResponse(responseCode = "403", description = "The requester cannot approve their own deployment")
    public Response approve(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return write(correlationHeader, stub -> stub.approve(command(id)));
    }

    @POST
    @Path("/applications/{app}/environments/{env}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:rollback")
    @Operation(summary = "Roll back the deployment in progress: traffic to the old release, the new one marked bad",
            description = "Body (optional): {\"reason\": \"...\"}.")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.Deployment")
    @APIResponse(responseCode = "400", description = "Nothing there can be rolled back")
    public Response rollback(@PathParam("app") String app, @PathParam("env") String env, String body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        RollbackRequest request = ProtoJson.parse(body, RollbackRequest.newBuilder()).setApplication(app)
                .setEnvironment(env).build();
        return write(correlationHeader, stub -> stub.rollback(request));
    }

    @POST
    @Path("/applications/{app}/environments/{env}/scale")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "deployments:create")
    @Operation(summary = "Set the number of instances of the serving release", description = "Body: {\"replicas\": 3}.")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.ScaleResponse")
    @APIResponse(responseCode = "400", description = "replicas out of range, or a deployment is in progress",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response scale(@PathParam("app") String app, @PathParam("env") String env, String body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        ScaleRequest request = ProtoJson.parse(body, ScaleRequest.newBuilder()).setApplication(app).setEnvironment(env)
                .build();
        return write(correlationHeader, stub -> stub.scale(request));
    }

    @GET
    @Path("/applications/{app}/environments/{env}/instances")
    @Extension(name = Permissions.EXTENSION, value = "deployments:read")
    @Operation(summary = "The instances of an application in an environment: track, version, pid, port, health")
    @APIResponse(responseCode = "200", description = "opsplane.deploy.v1.ListInstancesResponse")
    public Response instances(@PathParam("app") String app, @PathParam("env") String env,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        return read(correlationHeader, stub -> stub.listInstances(ListInstancesRequest.newBuilder().setApplication(app)
                .setEnvironment(env).build()));
    }

    private static DeploymentCommandRequest command(String id) {
        return DeploymentCommandRequest.newBuilder().setId(id).build();
    }

    private Response read(String correlationHeader,
            Function<DeployServiceGrpc.DeployServiceBlockingStub, ? extends com.google.protobuf.Message> call) {
        String correlationId = Correlation.resolve(correlationHeader);
        var answer = calls.read(correlationId, deployments, call::apply);
        return Response.ok(ProtoJson.print(answer)).header(Correlation.HEADER, correlationId).build();
    }

    private Response write(String correlationHeader,
            Function<DeployServiceGrpc.DeployServiceBlockingStub, ? extends com.google.protobuf.Message> call) {
        String correlationId = Correlation.resolve(correlationHeader);
        var answer = calls.write(correlationId, deployments, call::apply);
        return Response.ok(ProtoJson.print(answer)).header(Correlation.HEADER, correlationId).build();
    }

    private Response created(String correlationHeader, String location,
            Function<DeployServiceGrpc.DeployServiceBlockingStub, ? extends com.google.protobuf.Message> call) {
        String correlationId = Correlation.resolve(correlationHeader);
        var answer = calls.write(correlationId, deployments, call::apply);
        return Response.created(URI.create(location)).entity(ProtoJson.print(answer))
                .header(Correlation.HEADER, correlationId).build();
    }
}
