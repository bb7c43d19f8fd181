package io.opsplane.deploy.grpc;

import io.opsplane.deploy.domain.Application;
import io.opsplane.deploy.domain.Environment;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.deploy.rollout.OperatorCommand;
import io.opsplane.deploy.service.Catalog;
import io.opsplane.deploy.service.DeploymentQueries;
import io.opsplane.deploy.service.Deployments;
import io.opsplane.deploy.service.Names;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.trace.TraceContext;
import io.opsplane.proto.deploy.v1.CreateApplicationRequest;
import io.opsplane.proto.deploy.v1.CreateEnvironmentRequest;
import io.opsplane.proto.deploy.v1.DeployRequest;
import io.opsplane.proto.deploy.v1.DeployService;
import io.opsplane.proto.deploy.v1.Deployment;
import io.opsplane.proto.deploy.v1.DeploymentCommandRequest;
import io.opsplane.proto.deploy.v1.GetApplicationRequest;
import io.opsplane.proto.deploy.v1.GetDeploymentRequest;
import io.opsplane.proto.deploy.v1.GetEnvironmentRequest;
import io.opsplane.proto.deploy.v1.ListDeploymentsRequest;
import io.opsplane.proto.deploy.v1.ListDeploymentsResponse;
import io.opsplane.proto.deploy.v1.ListInstancesRequest;
import io.opsplane.proto.deploy.v1.ListInstancesResponse;
import io.opsplane.proto.deploy.v1.PromoteRequest;
import io.opsplane.proto.deploy.v1.RollbackRequest;
import io.opsplane.proto.deploy.v1.ScaleRequest;
import io.opsplane.proto.deploy.v1.ScaleResponse;
import io.opsplane.proto.deploy.v1.TrafficRouter;
import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * gRPC adapter of deploy-service. Decisions are made on the application in its environment
 * ({@code application:<name>} within {@code environment:<name>}); a call that names only a deployment is decided
 * once the deployment is found.
 */
@GrpcService
public class DeployGrpcService implements DeployService {

    @Inject
    Catalog catalog;

    @Inject
    Deployments deployments;

    @Inject
    DeploymentQueries queries;

    @Override
    public Uni<io.opsplane.proto.deploy.v1.Application> createApplication(CreateApplicationRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = Callers.require("deployments:create", ResourceRef.of("application",
                    request.getApplication().getName())).subject();
            return catalog.createApplication(request.getApplication(), caller);
        }).map(DeployGrpcService::application).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.deploy.v1.Application> getApplication(GetApplicationRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("deployments:read", ResourceRef.of("application", request.getName()));
            return catalog.application(request.getName());
        }).map(DeployGrpcService::application).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.deploy.v1.Environment> createEnvironment(CreateEnvironmentRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = Callers.require("environments:write", ResourceRef.of("environment",
                    request.getEnvironment().getName())).subject();
            return catalog.createEnvironment(request.getEnvironment(), caller);
        }).map(DeployGrpcService::environment).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<io.opsplane.proto.deploy.v1.Environment> getEnvironment(GetEnvironmentRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("environments:read", ResourceRef.of("environment", request.getName()));
            return catalog.environment(request.getName());
        }).map(DeployGrpcService::environment).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Deployment> deploy(DeployRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = requireOn("deployments:create", request.getApplication(), request.getEnvironment());
            Callers.note("deploy " + request.getApplication() + " " + io.opsplane.platform.text.PrintableText.of(request.getVersion(), 64)
                    + " to " + request.getEnvironment());
            return deployments.deploy(request, caller, TraceContext.currentCorrelationId());
        }).flatMap(this::view).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Deployment> getDeployment(GetDeploymentRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending pending = Callers.later("deployments:read");
            UUID id = Names.deploymentId(request.getId());
            return queries.get(id).invoke(view -> pending.require(on(view.getApplication(), view.getEnvironment())));
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListDeploymentsResponse> listDeployments(ListDeploymentsRequest request) {
        return Uni.createFrom().deferred(() -> {
            requireOn("deployments:read", request.getApplication(), request.getEnvironment());
            return queries.list(request.getApplication(), request.getEnvironment(), request.getLimit());
        }).map(list -> ListDeploymentsResponse.newBuilder().addAllDeployments(list).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Deployment> promote(PromoteRequest request) {
        return command("deployments:promote", request.getId(), request.getFull() ? OperatorCommand.PROMOTE_FULL
                : OperatorCommand.PROMOTE);
    }

    @Override
    public Uni<Deployment> pause(DeploymentCommandRequest request) {
        return command("deployments:promote", request.getId(), OperatorCommand.PAUSE);
    }

    @Override
    public Uni<Deployment> resume(DeploymentCommandRequest request) {
        return command("deployments:promote", request.getId(), OperatorCommand.RESUME);
    }

    @Override
    public Uni<Deployment> abort(DeploymentCommandRequest request) {
        return command("deployments:rollback", request.getId(), OperatorCommand.ABORT);
    }

    @Override
    public Uni<Deployment> retry(DeploymentCommandRequest request) {
        return command("deployments:create", request.getId(), OperatorCommand.RETRY);
    }

    @Override
    public Uni<Deployment> approve(DeploymentCommandRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending pending = Callers.later("deployments:approve");
            UUID id = Names.deploymentId(request.getId());
            return located(id).flatMap(rollout -> {
                String caller = pending.require(on(rollout.application, rollout.environment)).subject();
                return deployments.approve(id, caller);
            });
        }).flatMap(this::view).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Deployment> rollback(RollbackRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = requireOn("deployments:rollback", request.getApplication(), request.getEnvironment());
            if (!request.getReason().isEmpty()) {
                Callers.note("rollback: " + io.opsplane.platform.text.PrintableText.of(request.getReason(), 200));
            }
            return deployments.rollback(request.getApplication(), request.getEnvironment(), caller);
        }).flatMap(this::view).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ScaleResponse> scale(ScaleRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = requireOn("deployments:create", request.getApplication(), request.getEnvironment());
            return deployments.scale(request.getApplication(), request.getEnvironment(), request.getReplicas(), caller);
        }).map(scaled -> ScaleResponse.newBuilder().setApplication(scaled.target().application)
                .setEnvironment(scaled.target().environment).setReplicas(scaled.target().replicas)
                .setPreviousReplicas(scaled.previous()).build()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListInstancesResponse> listInstances(ListInstancesRequest request) {
        return Uni.createFrom().deferred(() -> {
            requireOn("deployments:read", request.getApplication(), request.getEnvironment());
            return queries.instances(request.getApplication(), request.getEnvironment());
        }).map(list -> ListInstancesResponse.newBuilder().addAllInstances(list).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    private Uni<Deployment> command(String permission, String id, OperatorCommand command) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending pending = Callers.later(permission);
            UUID rolloutId = Names.deploymentId(id);
            return located(rolloutId).flatMap(rollout -> {
                String caller = pending.require(on(rollout.application, rollout.environment)).subject();
                return deployments.command(rolloutId, command, caller);
            });
        }).flatMap(this::view).onFailure().transform(GrpcErrors::toStatus);
    }

    private static Uni<Rollout> located(UUID id) {
        return Panache.withSession(() -> Rollout.<Rollout>findById(id)).map(rollout -> {
            if (rollout == null) {
                throw io.opsplane.platform.errors.DomainException.notFound("no deployment with id " + id);
            }
            return rollout;
        });
    }

    private Uni<Deployment> view(Rollout rollout) {
        return queries.get(rollout.id);
    }

    private static String requireOn(String permission, String application, String environment) {
        return Callers.require(permission, on(application, environment)).subject();
    }

    /** The application within its environment, so a binding at either reaches it. */
    private static ResourceRef on(String application, String environment) {
        return ResourceRef.of("application", application).in("environment", environment);
    }

    static io.opsplane.proto.deploy.v1.Application application(Application application) {
        io.opsplane.proto.deploy.v1.Application.Builder view = io.opsplane.proto.deploy.v1.Application.newBuilder()
                .setName(application.name).setArtifactPath(application.artifactPath).setPort(application.port)
                .setHealthCheckPath(application.healthCheckPath).setConfigurationSchema(application.configurationSchema)
                .setCreatedAt(Timestamps.of(application.createdAt)).setCreatedBy(application.createdBy);
        new JsonArray(application.startCommand).forEach(part -> view.addStartCommand((String) part));
        try {
            com.google.protobuf.util.JsonFormat.parser().merge(application.defaultStrategy, view.getDefaultStrategyBuilder());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return view.build();
    }

    static io.opsplane.proto.deploy.v1.Environment environment(Environment environment) {
        return io.opsplane.proto.deploy.v1.Environment.newBuilder().setName(environment.name)
                .setTarget(environment.target).setProtected(environment.protectedEnvironment)
                .setRouter(TrafficRouter.newBuilder().setKind(environment.routerKind)
                        .setPortRangeStart(environment.portRangeStart).setPortRangeEnd(environment.portRangeEnd))
                .setCreatedAt(Timestamps.of(environment.createdAt)).setCreatedBy(environment.createdBy).build();
    }
}
