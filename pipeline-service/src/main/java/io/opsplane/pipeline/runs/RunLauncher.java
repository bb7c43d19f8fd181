package io.opsplane.pipeline.runs;

import com.google.protobuf.util.JsonFormat;
import io.opsplane.pipeline.definition.PipelineNames;
import io.opsplane.pipeline.definition.model.ArtifactsSpec;
import io.opsplane.pipeline.definition.model.EnvironmentSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.planning.PlannedJob;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.PipelineSource;
import io.opsplane.pipeline.service.PipelineRegistry;
import io.opsplane.pipeline.sources.GitRepositories;
import io.opsplane.pipeline.sources.PipelineSources;
import io.opsplane.pipeline.sources.RepositorySnapshot;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Optional;
import io.opsplane.pipeline.domain.PipelineVersion;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.platform.trace.TraceContext;
import io.opsplane.proto.pipeline.v1.ArtifactsInstruction;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Starts runs: reads the pipeline version, plans the run (rules, workflow), stores the run and its jobs,
 * announces it, and queues the first jobs, all in one transaction.
 */
@ApplicationScoped
public class RunLauncher {

    private static final Pattern SHA = Pattern.compile("^[0-9a-f]{7,64}$");
    private static final Pattern VARIABLE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");
    private static final int MAX_VARIABLES = 200;
    private static final int MAX_VALUE = 64 * 1024;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    /** The variable that hands a source's credentials to the runner, which uses them for the checkout only. */
    public static final String GIT_CREDENTIALS = "OPSPLANE_GIT_CREDENTIALS";

    @Inject
    Outbox outbox;

    @Inject
    RunAdvancer advancer;

    @Inject
    RunEvents events;

    @Inject
    JobSignals signals;

    @Inject
    RunPlanning planning;

    @Inject
    PipelineRegistry registry;

    @Inject
    PipelineSources sources;

    @Inject
    GitRepositories repositories;

    /**
     * Starts a run. For a pipeline bound to a repository, a run of a commit (and the latest version) reads the
     * definition from the repository at that commit, which becomes a version of the pipeline when it differs
     * from the latest one.
     */
    public Uni<PipelineRun> trigger(RunTrigger trigger) {
        return trigger(trigger, UUID.randomUUID(), 0);
    }

    /**
     * Starts a run with the id {@code runId}, chosen by the caller so that starting the same run twice (a
     * firing carried out again after a crash) fails on the id instead of starting a second run. A run of a
     * pipeline bound to a repository without a commit runs the head of its ref.
     *
     * @param eventDepth how many runs in a row, this one included, were started by events
     */
    public Uni<PipelineRun> trigger(RunTrigger given, UUID runId, int eventDepth) {
        try {
            validate(given);
        } catch (DomainException e) {
            return Uni.createFrom().failure(e);
        }
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> PipelineSources.find(given.pipelineName()))
                .flatMap(bound -> withHeadCommit(given, bound, context)
                        .flatMap(trigger -> found(trigger, bound).flatMap(found -> found.version() == null
                                ? fromSource(found, trigger, runId, eventDepth, context)
                                : Uni.createFrom().item(() -> planning.plan(found.version(), trigger, runId))
                                        .flatMap(plan -> outbox.inTransaction(() -> create(runId, found.pipeline(),
                                                found.version(), trigger, plan, found.source(), eventDepth))))))
                .map(advanced -> {
                    if (advanced.queued()) {
                        signals.jobsChanged();
                    }
                    return advanced.run();
                });
    }

    /** What the run is of: a commit of the bound repository (no version yet), or a stored version. */
    private static Uni<Found> found(RunTrigger trigger, PipelineSources.Bound bound) {
        if (bound != null && bound.source() != null && !trigger.commitSha().isEmpty() && trigger.version() == 0) {
            return Uni.createFrom().item(new Found(bound.pipeline(), null, bound.source()));
        }
        return Panache.withSession(() -> version(trigger)).map(found -> new Found(found.pipeline(), found.version(),
                bound == null ? null : bound.source()));
    }

    private record Found(Pipeline pipeline, PipelineVersion version, PipelineSource source) {
    }

    private record Read(RepositorySnapshot snapshot, RunPlanning.Planned plan) {
    }

    /**
     * The trigger itself, or, for the latest version of a pipeline bound to a repository and no commit given, the
     * trigger with the commit its ref points at now ({@code git ls-remote}).
     */
    private Uni<RunTrigger> withHeadCommit(RunTrigger trigger, PipelineSources.Bound bound, Context context) {
        if (bound == null || bound.source() == null || !trigger.commitSha().isEmpty() || trigger.version() != 0) {
            return Uni.createFrom().item(trigger);
        }
        PipelineSource source = bound.source();
        return sources.credentials(trigger.pipelineName(), source, "source:" + trigger.pipelineName() + "@"
                + trigger.ref()).flatMap(credentials -> {
                    Uni<RunTrigger> resolved = Uni.createFrom().item(() -> {
                        java.util.Map<String, String> heads;
                        try {
                            heads = repositories.heads(source.repositoryUrl, credentials);
                        } catch (IllegalArgumentException | IllegalStateException e) {
                            throw DomainException.failedPrecondition("cannot list the refs of "
                                    + source.repositoryUrl + ": " + e.getMessage());
                        }
                        String ref = trigger.ref();
                        for (String candidate : List.of(ref, "refs/heads/" + ref, "refs/tags/" + ref)) {
                            String sha = heads.get(candidate);
                            if (sha != null) {
                                return new RunTrigger(trigger.pipelineName(), 0, trigger.kind(), candidate, sha,
                                        trigger.variables(), trigger.triggeredBy(), trigger.parentRunId());
                            }
                        }
                        throw DomainException.failedPrecondition("the repository " + source.repositoryUrl
                                + " has no branch or tag '" + ref + "'");
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                    return context == null ? resolved
                            : resolved.emitOn(command -> context.runOnContext(v -> command.run()));
                });
    }

    private Uni<RunAdvancer.Advanced> fromSource(Found found, RunTrigger trigger, UUID runId, int eventDepth,
            Context context) {
        PipelineSource source = found.source();
        String sha = trigger.commitSha();
        return sources.credentials(trigger.pipelineName(), source, "source:" + trigger.pipelineName() + "@" + sha)
                .flatMap(credentials -> {
                    Uni<Read> read = Uni.createFrom().item(() -> {
                        RepositorySnapshot snapshot;
                        try {
                            snapshot = repositories.snapshot(source.repositoryUrl, credentials, sha);
                        } catch (IllegalArgumentException | IllegalStateException e) {
                            throw DomainException.failedPrecondition("cannot read commit " + sha + " of "
                                    + source.repositoryUrl + ": " + e.getMessage());
                        }
                        return new Read(snapshot, planning.plan(snapshot.definition(), snapshot.definitionFile()
                                + " at " + sha, trigger, runId, Optional.of(snapshot)));
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                    // Back to the caller's context: the database session belongs to it.
                    return context == null ? read : read.emitOn(command -> context.runOnContext(v -> command.run()));
                })
                .flatMap(read -> outbox.inTransaction(() -> registry.versionFor(found.pipeline(),
                        read.snapshot().definition(), "source:" + source.repositoryUrl)
                        .flatMap(version -> create(runId, found.pipeline(), version, trigger, read.plan(), source,
                                eventDepth))));
    }

    private static Uni<Found> version(RunTrigger trigger) {
        return Pipeline.findByName(trigger.pipelineName()).flatMap(pipeline -> {
            if (pipeline == null) {
                throw DomainException.notFound("no pipeline named '" + trigger.pipelineName() + "'");
            }
            Uni<PipelineVersion> version = trigger.version() > 0
                    ? PipelineVersion.find("pipelineId = ?1 and version = ?2", pipeline.id, trigger.version()).firstResult()
                    : PipelineVersion.latestOf(pipeline.id);
            return version.map(v -> {
                if (v == null) {
                    throw DomainException.notFound("pipeline '" + trigger.pipelineName() + "' has no version "
                            + trigger.version());
                }
                return new Found(pipeline, v, null);
            });
        });
    }

    private Uni<RunAdvancer.Advanced> create(UUID runId, Pipeline pipeline, PipelineVersion version, RunTrigger trigger,
            RunPlanning.Planned plan, PipelineSource source, int eventDepth) {
        Instant now = Instant.now();
        PipelineRun run = new PipelineRun();
        run.id = runId;
        run.pipelineId = pipeline.id;
        run.pipelineName = pipeline.name;
        run.version = version.version;
        run.status = JobStatuses.CREATED;
        run.trigger = trigger.kind();
        run.ref = trigger.ref();
        run.commitSha = trigger.commitSha();
        run.triggeredBy = trigger.triggeredBy();
        String correlation = TraceContext.currentCorrelationId();
        run.correlationId = correlation == null || correlation.isBlank() ? runId.toString() : correlation;
        run.traceparent = TraceContext.currentTraceparent();
        run.stages = Lines.join(plan.run().stages());
        run.warnings = Lines.join(plan.spec().warnings());
        run.parentRunId = trigger.parentRunId();
        run.eventDepth = eventDepth;
        run.createdAt = now;
        Uni<Void> saved = run.persist().replaceWithVoid();
        int position = 0;
        for (PlannedJob planned : plan.run().jobs()) {
            RunJob job = job(run, planned, position++, plan.run().stages().indexOf(planned.stage()),
                    plan.predefined(), artifactSources(planned, plan.run().jobs(), plan.run().stages()), source);
            saved = saved.flatMap(ignored -> job.persist().replaceWithVoid());
        }
        return saved.flatMap(ignored -> Panache.getSession().flatMap(session -> session.flush()))
                .flatMap(ignored -> events.pipelineStarted(run))
                .flatMap(ignored -> advancer.advance(run, now));
    }

    /**
     * The jobs whose artifacts this job gets, GitLab's way: its {@code dependencies} when given, else its needs with
     * {@code artifacts} (the default), else every job of earlier stages; only jobs that declare artifacts.
     */
    static List<String> artifactSources(PlannedJob planned, List<PlannedJob> all, List<String> stages) {
        Set<String> withArtifacts = all.stream().filter(j -> j.spec().artifacts().isPresent())
                .map(PlannedJob::name).collect(Collectors.toSet());
        List<String> names;
        if (planned.dependencies().isPresent()) {
            names = planned.dependencies().get();
        } else if (planned.needs().isPresent()) {
            names = planned.needs().get().stream().filter(NeedSpec::artifacts).map(NeedSpec::job).toList();
        } else {
            int stage = stages.indexOf(planned.stage());
            names = all.stream().filter(j -> stages.indexOf(j.stage()) < stage).map(PlannedJob::name).toList();
        }
        return names.stream().filter(withArtifacts::contains).filter(name -> !name.equals(planned.name()))
                .distinct().toList();
    }

    private static RunJob job(PipelineRun run, PlannedJob planned, int position, int stageIndex,
            Map<String, String> predefined, List<String> artifactSources, PipelineSource source) {
        JobSpec spec = planned.spec();
        RunJob job = new RunJob();
        job.runId = run.id;
        job.position = position;
        job.name = spec.name();
        job.stage = spec.stage();
        job.stageIndex = stageIndex;
        job.status = JobStatuses.CREATED;
        job.when = planned.when().keyword();
        job.startInSeconds = planned.startIn() == null ? 0 : planned.startIn().toSeconds();
        job.allowFailure = planned.allowFailure().allowed();
        job.allowExitCodes = planned.allowFailure().exitCodes().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
        job.needs = planned.needs().map(NeedLines::write).orElse(null);
        job.resourceGroup = spec.resourceGroup() == null || spec.resourceGroup().isBlank() ? null : spec.resourceGroup();
        job.retryMax = spec.retry().max();
        job.retryWhen = String.join(",", spec.retry().when().stream().sorted().toList());
        job.retryExitCodes = spec.retry().exitCodes().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
        job.tags = Lines.tags(spec.tags());
        job.environmentName = spec.environment().map(EnvironmentSpec::name).orElse(null);
        job.environmentUrl = spec.environment().map(EnvironmentSpec::url).orElse(null);
        job.environmentAction = spec.environment().map(EnvironmentSpec::action).orElse(null);
        // Predefined first: the definition's and the run's variables may override them, as in GitLab.
        Map<String, String> variables = new LinkedHashMap<>(predefined);
        variables.putAll(PredefinedVariables.ofJob(spec));
        variables.putAll(planned.variables());
        // A run of a commit of a bound pipeline: the runner checks the commit out into the job's workspace,
        // with the source's credentials, which reach it (masked) as a secret of the job.
        boolean checkout = source != null && !run.commitSha.isEmpty();
        job.payload = payload(spec, variables, artifactSources, checkout ? source.repositoryUrl : "");
        Map<String, String> secrets = new LinkedHashMap<>(spec.secrets());
        if (checkout && source.credentialsSecret != null && !source.credentialsSecret.isEmpty()) {
            secrets.put(GIT_CREDENTIALS, source.credentialsSecret);
        }
        job.secrets = JobSecrets.write(secrets);
        return job;
    }

    private static String payload(JobSpec spec, Map<String, String> variables, List<String> artifactSources,
            String repositoryUrl) {
        JobAssignment.Builder template = JobAssignment.newBuilder().setRepositoryUrl(repositoryUrl)
                .addAllBeforeScript(spec.beforeScript())
                .addAllScript(spec.script()).addAllAfterScript(spec.afterScript()).putAllVariables(variables)
                .setTimeoutSeconds((int) spec.timeout().orElse(DEFAULT_TIMEOUT).toSeconds())
                .setNetwork(!"none".equalsIgnoreCase(variables.getOrDefault("OPSPLANE_NETWORK", "")));
        template.addAllDependencies(artifactSources);
        spec.artifacts().ifPresent(artifacts -> template.setArtifacts(instruction(artifacts)));
        if (spec.image() != null && !spec.image().isBlank()) {
            template.addNotices("WARNING: image '" + spec.image() + "' is ignored: this runner's executors run "
                    + "jobs on the runner's machine, as GitLab's shell executor does");
        }
        if (!spec.services().isEmpty()) {
            template.addNotices("WARNING: services " + spec.services() + " are ignored by this runner's executors");
        }
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(template);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArtifactsInstruction instruction(ArtifactsSpec artifacts) {
        String name = artifacts.name() == null || artifacts.name().isBlank() ? "artifacts" : artifacts.name();
        long expireIn = artifacts.neverExpires() ? -1 : artifacts.expireIn().map(Duration::toSeconds).orElse(0L);
        return ArtifactsInstruction.newBuilder().setName(name).addAllPaths(artifacts.paths())
                .addAllExclude(artifacts.exclude()).setUntracked(artifacts.untracked())
                .setWhen(artifacts.when() == null ? "on_success" : artifacts.when().keyword())
                .setExpireInSeconds(expireIn).build();
    }

    /** Refuses a trigger whose name, ref, commit or variables cannot start a run. */
    public static void validate(RunTrigger trigger) {
        if (!PipelineNames.isValid(trigger.pipelineName())) {
            throw DomainException.invalid(PipelineNames.explain());
        }
        if (trigger.ref().isBlank() || trigger.ref().length() > 255 || trigger.ref().chars().anyMatch(c -> c < 0x20
                || c == 0x7F)) {
            throw DomainException.invalid("ref must be 1 to 255 characters without control characters");
        }
        if (!trigger.commitSha().isEmpty() && !SHA.matcher(trigger.commitSha()).matches()) {
            throw DomainException.invalid("commit_sha must be 7 to 64 lowercase hexadecimal digits");
        }
        if (trigger.variables().size() > MAX_VARIABLES) {
            throw DomainException.invalid("at most " + MAX_VARIABLES + " variables");
        }
        trigger.variables().forEach((name, value) -> {
            if (!VARIABLE.matcher(name).matches()) {
                throw DomainException.invalid("variable name '" + name + "' must be letters, digits and '_', not "
                        + "starting with a digit");
            }
            if (value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
                throw DomainException.invalid("variable " + name + ": at most " + MAX_VALUE
                        + " characters, without NUL");
            }
        });
    }

}
