package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.AnalysisTemplate;
import io.opsplane.deploy.domain.Application;
import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.Environment;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.deploy.rollout.BlueGreenStrategy;
import io.opsplane.deploy.rollout.OperatorCommand;
import io.opsplane.deploy.rollout.RolloutSpec;
import io.opsplane.deploy.rollout.RolloutStatus;
import io.opsplane.deploy.rollout.Strategy;
import io.opsplane.deploy.rollout.Track;
import io.opsplane.deploy.rollout.TrafficWeights;
import io.opsplane.deploy.validation.InvalidFieldException;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.deploy.v1.DeployRequest;
import io.opsplane.proto.events.v1.DeploymentStarted;
import io.opsplane.proto.events.v1.ScaleChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Starting rollouts, commanding them, scaling, and reading them back. */
@ApplicationScoped
public class Deployments {

    public static final int MAX_REPLICAS = RolloutSpec.MAX_REPLICAS;
    private static final int MAX_ARGS = 32;

    @Inject
    Outbox outbox;

    @Inject
    RolloutReconciler reconciler;

    /** What the rollout controller last saw at the router, per backend; empty until it has looked. */
    private volatile Function<String, Optional<TrafficWeights>> routerWeights = backend -> Optional.empty();

    /** Set by the rollout controller, so commands decide with what the router reports. */
    public void routerWeights(Function<String, Optional<TrafficWeights>> source) {
        this.routerWeights = source;
    }

    public record Started(Rollout rollout, Release release) {
    }

    public Uni<Rollout> deploy(DeployRequest request, String by, String correlationId) {
        Checked checked;
        try {
            checked = check(request);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        return outbox.inTransaction(() -> Application.<Application>findById(checked.application()).flatMap(application -> {
            if (application == null) {
                throw DomainException.notFound("application: no application named '" + checked.application() + "'");
            }
            return Environment.<Environment>findById(checked.environment()).flatMap(environment -> {
                if (environment == null) {
                    throw DomainException.notFound("environment: no environment named '" + checked.environment() + "'");
                }
                io.opsplane.proto.deploy.v1.Strategy strategyMessage = request.hasStrategy() ? request.getStrategy()
                        : Catalog.parse(application.defaultStrategy, io.opsplane.proto.deploy.v1.Strategy.newBuilder()).build();
                Strategy strategy = Specs.strategy("strategy", strategyMessage);
                return lockOrCreateTarget(application, environment)
                        .flatMap(target -> start(request, checked, application, environment, target, strategyMessage,
                                strategy, by, correlationId));
            });
        })).onFailure(io.opsplane.platform.errors.UniqueViolation::isCauseOf).transform(failure -> DomainException.alreadyExists(
                "a deployment of " + checked.application() + " to " + checked.environment()
                        + " is in progress; promote, abort or roll it back first"));
    }

    private record Checked(String application, String environment, String version, Optional<Integer> replicas,
            Duration progressDeadline, JsonArray templates, JsonObject args) {
    }

    private Checked check(DeployRequest request) {
        String application = Names.application("application", request.getApplication());
        String environment = Names.environment("environment", request.getEnvironment());
        String version = Names.version("version", request.getVersion());
        InvalidFieldException.requireRange("configurationVersion", request.getConfigurationVersion(), 0, Integer.MAX_VALUE);
        Optional<Integer> replicas = Optional.empty();
        if (request.hasReplicas()) {
            InvalidFieldException.requireRange("replicas", request.getReplicas(), 0, MAX_REPLICAS);
            replicas = Optional.of(request.getReplicas());
        }
        Names.commit("commitSha", request.getCommitSha());
        Names.runId("pipelineRunId", request.getPipelineRunId());
        Duration deadline = Specs.duration("progressDeadline", request.getProgressDeadline(), Specs.DEFAULT_PROGRESS_DEADLINE);
        if (deadline.isZero()) {
            throw new InvalidFieldException("progressDeadline", "must be positive");
        }
        if (request.hasStrategy()) {
            Specs.strategy("strategy", request.getStrategy());
        }
        Map<String, AnalysisTemplate> templates = Specs.templates(request.getAnalysisTemplatesList());
        if (request.getAnalysisArgsCount() > MAX_ARGS) {
            throw new InvalidFieldException("analysisArgs", "may hold at most " + MAX_ARGS + " values");
        }
        JsonArray templatesJson = new JsonArray();
        request.getAnalysisTemplatesList().forEach(template -> templatesJson.add(new JsonObject(Catalog.json(template))));
        JsonObject args = new JsonObject();
        request.getAnalysisArgsMap().forEach(args::put);
        // Every template must resolve with the arguments it will get, so a rollout never stops on a typo later.
        for (AnalysisTemplate template : templates.values()) {
            Map<String, String> values = new java.util.HashMap<>();
            template.args().forEach(argument -> {
                String given = request.getAnalysisArgsMap().get(argument.name());
                if (given != null) {
                    values.put(argument.name(), given);
                } else if (Set.of("application", "environment", "canary-version", "stable-version").contains(argument.name())) {
                    values.put(argument.name(), "v1");
                }
            });
            boolean named = request.hasStrategy() && Specs.templatesNamed(Specs.strategy("strategy", request.getStrategy()))
                    .contains(template.name());
            if (named) {
                try {
                    template.resolveQueries(values);
                } catch (InvalidFieldException e) {
                    throw new InvalidFieldException("analysisArgs", e.getMessage());
                }
            }
        }
        if (request.hasStrategy()) {
            for (String name : Specs.templatesNamed(Specs.strategy("strategy", request.getStrategy()))) {
                if (!templates.containsKey(name)) {
                    throw new InvalidFieldException("strategy", "names the analysis template '" + name
                            + "', which is neither built in nor in analysisTemplates");
                }
            }
        }
        return new Checked(application, environment, version, replicas, deadline, templatesJson, args);
    }

    private Uni<DeploymentTarget> lockOrCreateTarget(Application application, Environment environment) {
        return DeploymentTarget.lock(application.name, environment.name).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            return DeploymentTarget.<DeploymentTarget>list("listenPort >= ?1 and listenPort <= ?2",
                    environment.portRangeStart, environment.portRangeEnd).flatMap(taken -> {
                        Set<Integer> used = new HashSet<>();
                        taken.forEach(target -> used.add(target.listenPort));
                        DeploymentTarget target = new DeploymentTarget();
                        target.application = application.name;
                        target.environment = environment.name;
                        target.listenPort = freePort(environment, used);
                        target.replicas = 1;
                        return target.<DeploymentTarget>persist().call(saved -> Panache.getSession().flatMap(s -> s.flush()));
                    });
        });
    }

    /** The first port of the environment's range that no target has and nothing on this machine listens on. */
    private static int freePort(Environment environment, Set<Integer> used) {
        for (int port = environment.portRangeStart; port <= environment.portRangeEnd; port++) {
            if (!used.contains(port) && bindable(port)) {
                return port;
            }
        }
        throw DomainException.failedPrecondition("environment " + environment.name + " has no free port left in "
                + environment.portRangeStart + ".." + environment.portRangeEnd + " for another application");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Uni<Rollout> start(DeployRequest request, Checked checked, Application application, Environment environment,
            DeploymentTarget target, io.opsplane.proto.deploy.v1.Strategy strategyMessage, Strategy strategy, String by,
            String correlationId) {
        return Rollout.<Rollout>find("targetId = ?1 and phase in ?2", target.id,
                List.of(Rollout.AWAITING_APPROVAL, "PENDING", "PROGRESSING", "PAUSED")).firstResult().flatMap(active -> {
                    if (active != null) {
                        throw DomainException.alreadyExists("deployment " + active.id + " of " + application.name + " to "
                                + environment.name + " is " + active.phase + "; promote, abort or roll it back first");
                    }
                    return releaseFor(request, checked, application);
                }).flatMap(release -> {
                    if (release.bad && !request.getAllowBadRelease()) {
                        throw DomainException.failedPrecondition("release " + release.version + " of " + application.name
                                + " was rolled back (" + release.badReason + "); set allowBadRelease to deploy it anyway");
                    }
                    if (release.id.equals(target.stableReleaseId)) {
                        throw DomainException.failedPrecondition("version " + release.version + " already serves "
                                + application.name + " in " + environment.name);
                    }
                    return Rollout.update("pendingScaleDown = null where targetId = ?1", target.id)
                            .flatMap(ignored -> relabel(target, strategy))
                            .flatMap(ignored -> create(checked, target, release, strategyMessage, environment, by,
                                    correlationId, application))
                            .call(rollout -> environment.protectedEnvironment ? Uni.createFrom().voidItem()
                                    : announceStart(rollout, release, strategy, by));
                });
    }

    private Uni<Release> releaseFor(DeployRequest request, Checked checked, Application application) {
        return Release.<Release>find("application = ?1 and version = ?2 and configurationVersion = ?3", application.name,
                checked.version(), request.getConfigurationVersion()).firstResult().flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    Release release = new Release();
                    release.id = UUID.randomUUID();
                    release.application = application.name;
                    release.version = checked.version();
                    release.configurationVersion = request.getConfigurationVersion();
                    release.commitSha = request.getCommitSha();
                    release.pipelineRunId = request.getPipelineRunId();
                    release.createdAt = Instant.now();
                    return release.<Release>persist();
                });
    }

    /**
     * Before a rollout starts, the instances of the release that serves become its old track; whatever else still
     * runs (a rolled-back release, blue kept for its scale-down delay) is stopped.
     */
    private Uni<Void> relabel(DeploymentTarget target, Strategy strategy) {
        Track oldTrack = RolloutState.oldTrack(strategy);
        Instant now = Instant.now();
        return InstanceRow.<InstanceRow>list("targetId = ?1 and desired = ?2", target.id, InstanceRow.RUN).map(rows -> {
            for (InstanceRow row : rows) {
                if (row.releaseId.equals(target.stableReleaseId)) {
                    row.track = oldTrack.name();
                } else {
                    row.desired = InstanceRow.STOP;
                    row.health = "STOPPING";
                }
                row.updatedAt = now;
            }
            return null;
        });
    }

    private Uni<Rollout> create(Checked checked, DeploymentTarget target, Release release,
            io.opsplane.proto.deploy.v1.Strategy strategyMessage, Environment environment, String by,
            String correlationId, Application application) {
        Instant now = Instant.now();
        Rollout rollout = new Rollout();
        rollout.id = UUID.randomUUID();
        rollout.targetId = target.id;
        rollout.application = application.name;
        rollout.environment = environment.name;
        rollout.releaseId = release.id;
        rollout.previousReleaseId = target.stableReleaseId;
        rollout.strategy = Catalog.json(strategyMessage);
        rollout.analysisTemplates = checked.templates().encode();
        rollout.analysisArgs = checked.args().encode();
        rollout.replicas = checked.replicas().orElse(target.replicas);
        rollout.progressDeadlineMs = checked.progressDeadline().toMillis();
        RolloutState.store(rollout, RolloutStatus.pending(now));
        if (environment.protectedEnvironment) {
            rollout.phase = Rollout.AWAITING_APPROVAL;
            rollout.reason = "AwaitingApproval";
            rollout.requiresApproval = true;
        }
        rollout.createdBy = by;
        rollout.createdAt = now;
        rollout.updatedAt = now;
        rollout.correlationId = correlationId == null ? "" : correlationId;
        if (checked.replicas().isPresent()) {
            target.replicas = checked.replicas().get();
        }
        return rollout.<Rollout>persist().call(saved -> Panache.getSession().flatMap(s -> s.flush()));
    }

    private Uni<?> announceStart(Rollout rollout, Release release, Strategy strategy, String by) {
        Uni<String> previous = rollout.previousReleaseId == null ? Uni.createFrom().item("")
                : Release.<Release>findById(rollout.previousReleaseId).map(found -> found == null ? "" : found.version);
        return previous.flatMap(previousVersion -> outbox.record(rollout.application, DeploymentStarted.newBuilder()
                .setApplication(rollout.application).setEnvironment(rollout.environment)
                .setDeploymentId(rollout.id.toString()).setVersion(release.version)
                .setStrategy(strategy instanceof BlueGreenStrategy ? "blue-green" : "canary")
                .setStartedAt(DeployEvents.at(Instant.now())).setRef(DeployEvents.ref(rollout, release))
                .setStartedBy(by).setPreviousVersion(previousVersion).build()));
    }

    /** Lets a rollout to a protected environment start; the requester cannot approve their own. */
    public Uni<Rollout> approve(UUID id, String by) {
        return outbox.inTransaction(() -> Rollout.<Rollout>findById(id).flatMap(found -> {
            if (found == null) {
                throw DomainException.notFound("no deployment with id " + id);
            }
            return DeploymentTarget.lockById(found.targetId).flatMap(target -> Panache.getSession()
                    .flatMap(session -> session.refresh(found)).replaceWith(found)).flatMap(rollout -> {
                        if (!Rollout.AWAITING_APPROVAL.equals(rollout.phase)) {
                            throw DomainException.failedPrecondition("deployment " + id + " is " + rollout.phase
                                    + " and awaits no approval");
                        }
                        if (rollout.createdBy.equals(by)) {
                            throw DomainException.permissionDenied("the requester cannot approve their own deployment");
                        }
                        rollout.phase = "PENDING";
                        rollout.reason = "Approved";
                        rollout.approvedBy = by;
                        rollout.updatedAt = Instant.now();
                        return Release.<Release>findById(rollout.releaseId)
                                .flatMap(release -> announceStart(rollout, release, RolloutState.strategy(rollout), by))
                                .replaceWith(rollout);
                    });
        }));
    }

    public Uni<Rollout> command(UUID id, OperatorCommand command, String by) {
        return reconciler.reconcile(id, Optional.of(command), routerWeights, by);
    }

    /** Rolls back the active rollout of an application in an environment. */
    public Uni<Rollout> rollback(String application, String environment, String by) {
        try {
            Names.application("application", application);
            Names.environment("environment", environment);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        return Panache.withSession(() -> Rollout.<Rollout>find("application = ?1 and environment = ?2 order by createdAt desc",
                application, environment).firstResult()).flatMap(latest -> {
                    if (latest == null) {
                        throw DomainException.notFound("no deployment of " + application + " to " + environment);
                    }
                    if (!latest.isActive() && !"DEGRADED".equals(latest.phase) && !"ABORTED".equals(latest.phase)) {
                        throw DomainException.failedPrecondition("the latest deployment of " + application + " to "
                                + environment + " (" + latest.id + ") is " + latest.phase
                                + "; deploy the version to go back to");
                    }
                    return command(latest.id, OperatorCommand.ROLLBACK, by);
                });
    }

    public record Scaled(DeploymentTarget target, int previous) {
    }

    /** Sets the replicas of the serving release; refused while a rollout moves (it sets its own). */
    public Uni<Scaled> scale(String application, String environment, int replicas, String by) {
        try {
            Names.application("application", application);
            Names.environment("environment", environment);
            InvalidFieldException.requireRange("replicas", replicas, 0, MAX_REPLICAS);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        return outbox.inTransaction(() -> DeploymentTarget.lock(application, environment).flatMap(target -> {
            if (target == null) {
                throw DomainException.notFound("application " + application + " was never deployed to " + environment);
            }
            if (replicas < target.minReplicas || replicas > target.maxReplicas) {
                throw DomainException.invalid("replicas: must be between " + target.minReplicas + " and "
                        + target.maxReplicas + " for " + application + " in " + environment + ", was " + replicas);
            }
            return Rollout.<Rollout>find("targetId = ?1 order by createdAt desc", target.id).firstResult().flatMap(latest -> {
                if (latest != null && latest.isActive()) {
                    throw DomainException.failedPrecondition("deployment " + latest.id + " is " + latest.phase
                            + "; scale once it has finished");
                }
                if (target.stableReleaseId == null) {
                    throw DomainException.failedPrecondition("no release serves " + application + " in " + environment
                            + " yet");
                }
                int previous = target.replicas;
                target.replicas = replicas;
                Instant now = Instant.now();
                return InstanceRow.<InstanceRow>list("targetId = ?1 and desired = ?2 and releaseId = ?3", target.id,
                        InstanceRow.RUN, target.stableReleaseId).flatMap(serving -> {
                            serving.sort(Comparator.comparing((InstanceRow row) -> row.createdAt).thenComparing(row -> row.name));
                            Track track = serving.isEmpty() ? servingTrack(latest) : Track.valueOf(serving.get(0).track);
                            for (int i = replicas; i < serving.size(); i++) {
                                InstanceRow leaving = serving.get(serving.size() - 1 - (i - replicas));
                                leaving.desired = InstanceRow.STOP;
                                leaving.health = "STOPPING";
                                leaving.updatedAt = now;
                            }
                            List<InstanceRow> added = new java.util.ArrayList<>();
                            for (int i = serving.size(); i < replicas; i++) {
                                added.add(Instances.row(target, target.stableReleaseId, track, now));
                            }
                            Uni<?> persisted = added.isEmpty() ? Uni.createFrom().voidItem() : InstanceRow.persist(added);
                            return persisted.flatMap(ignored -> Release.<Release>findById(target.stableReleaseId))
                                    .flatMap(release -> previous == replicas ? Uni.createFrom().voidItem()
                                            : outbox.record(application, ScaleChanged.newBuilder().setApplication(application)
                                                    .setEnvironment(environment).setRef(DeployEvents.ref(latest, release))
                                                    .setReplicas(replicas).setPreviousReplicas(previous).setChangedBy(by)
                                                    .setChangedAt(DeployEvents.at(now)).build()).replaceWithVoid())
                                    .replaceWith(new Scaled(target, previous));
                        });
            });
        }));
    }

    /** The track the serving release's instances carry: the new one once a rollout completed. */
    private static Track servingTrack(Rollout latest) {
        if (latest == null) {
            return Track.STABLE;
        }
        Strategy strategy = RolloutState.strategy(latest);
        return "HEALTHY".equals(latest.phase) ? RolloutState.newTrack(strategy) : RolloutState.oldTrack(strategy);
    }
}
