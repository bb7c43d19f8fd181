package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.AnalysisRunEngine;
import io.opsplane.deploy.analysis.AnalysisRunEvaluation;
import io.opsplane.deploy.analysis.AnalysisTemplate;
import io.opsplane.deploy.analysis.MeasurementVerdict;
import io.opsplane.deploy.analysis.MetricEvaluation;
import io.opsplane.deploy.analysis.MetricSpec;
import io.opsplane.deploy.domain.AnalysisRunRow;
import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.domain.MeasurementRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.deploy.rollout.BlueGreenStage;
import io.opsplane.deploy.rollout.CanaryStep;
import io.opsplane.deploy.rollout.CanaryStrategy;
import io.opsplane.deploy.rollout.Strategy;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.deploy.v1.AnalysisRun;
import io.opsplane.proto.deploy.v1.Deployment;
import io.opsplane.proto.deploy.v1.Instance;
import io.opsplane.proto.deploy.v1.Measurement;
import io.opsplane.proto.deploy.v1.MetricResult;
import io.opsplane.proto.deploy.v1.Weights;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rollouts and instances as the API shows them. */
@ApplicationScoped
public class DeploymentQueries {

    public Uni<Deployment> get(UUID id) {
        return Panache.withSession(() -> Rollout.<Rollout>findById(id).flatMap(rollout -> {
            if (rollout == null) {
                throw DomainException.notFound("no deployment with id " + id);
            }
            return view(rollout, true);
        }));
    }

    /** Within a session: the rollout with its release, and its analysis runs with every measurement when asked. */
    public Uni<Deployment> view(Rollout rollout, boolean withMeasurements) {
        return Release.<Release>findById(rollout.releaseId).flatMap(release -> DeploymentTarget
                .<DeploymentTarget>findById(rollout.targetId).flatMap(target -> {
                    Deployment.Builder view = base(rollout, release, target);
                    if (!withMeasurements) {
                        return Uni.createFrom().item(view.build());
                    }
                    return AnalysisRunRow.<AnalysisRunRow>list("rolloutId = ?1 order by startedAt", rollout.id)
                            .flatMap(runs -> MeasurementRow.<MeasurementRow>list("rolloutId = ?1 order by takenAt, id",
                                    rollout.id).map(measurements -> {
                                        Map<String, AnalysisTemplate> templates = Specs.templates(
                                                RolloutReconciler.templates(rollout.analysisTemplates));
                                        for (AnalysisRunRow run : runs) {
                                            view.addAnalysisRuns(run(run, templates.get(run.template), measurements.stream()
                                                    .filter(m -> m.runName.equals(run.name)).toList()));
                                        }
                                        return view.build();
                                    }));
                }));
    }

    private static Deployment.Builder base(Rollout rollout, Release release, DeploymentTarget target) {
        Strategy strategy = RolloutState.strategy(rollout);
        Deployment.Builder view = Deployment.newBuilder().setId(rollout.id.toString())
                .setApplication(rollout.application).setEnvironment(rollout.environment)
                .setRelease(release(release))
                .setPreviousReleaseId(rollout.previousReleaseId == null ? "" : rollout.previousReleaseId.toString())
                .setStrategy(Catalog.parse(rollout.strategy, io.opsplane.proto.deploy.v1.Strategy.newBuilder()))
                .setReplicas(rollout.replicas).setPhase(rollout.phase).setCurrentStep(rollout.currentStep)
                .setWeights(Weights.newBuilder().setStable(rollout.weightStable).setCanary(rollout.weightCanary))
                .setReason(rollout.reason).setAttempt(rollout.attempt).setCreatedBy(rollout.createdBy)
                .setCreatedAt(Timestamps.of(rollout.createdAt)).setUpdatedAt(Timestamps.of(rollout.updatedAt))
                .setApprovedBy(rollout.approvedBy).setListenPort(target == null ? 0 : target.listenPort);
        if (strategy instanceof CanaryStrategy canary) {
            view.setStepCount(canary.steps().size());
            view.setCurrentStepName(rollout.currentStep < canary.steps().size()
                    ? stepName(canary.steps().get(rollout.currentStep)) : "complete");
        } else {
            view.setStepCount(BlueGreenStage.values().length);
            view.setCurrentStepName(BlueGreenStage.values()[Math.min(rollout.currentStep, BlueGreenStage.values().length - 1)]
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return view;
    }

    private static String stepName(CanaryStep step) {
        if (step instanceof CanaryStep.SetWeight weight) {
            return "setWeight " + weight.weight();
        }
        if (step instanceof CanaryStep.Pause pause) {
            return pause.duration().map(duration -> "pause " + duration).orElse("pause");
        }
        return "analysis " + ((CanaryStep.Analysis) step).templateName();
    }

    static io.opsplane.proto.deploy.v1.Release release(Release release) {
        return io.opsplane.proto.deploy.v1.Release.newBuilder().setId(release.id.toString())
                .setApplication(release.application).setVersion(release.version)
                .setConfigurationVersion(release.configurationVersion).setCommitSha(release.commitSha)
                .setPipelineRunId(release.pipelineRunId).setBad(release.bad).setBadReason(release.badReason)
                .setCreatedAt(Timestamps.of(release.createdAt)).build();
    }

    private static AnalysisRun run(AnalysisRunRow run, AnalysisTemplate template, List<MeasurementRow> measurements) {
        AnalysisRun.Builder view = AnalysisRun.newBuilder().setName(run.name).setTemplate(run.template)
                .setPhase(run.phase).setStartedAt(Timestamps.of(run.startedAt)).setStopped(run.stopped);
        if (template == null) {
            return view.build();
        }
        AnalysisRunEvaluation evaluation = AnalysisRunEngine.evaluate(template, Measurements.byMetric(measurements),
                run.startedAt, run.stopped);
        JsonObject queries = new JsonObject(run.queries);
        for (MetricSpec metric : template.metrics()) {
            MetricEvaluation evaluated = evaluation.metrics().get(metric.name());
            MetricResult.Builder result = MetricResult.newBuilder().setName(metric.name())
                    .setQuery(queries.getString(metric.name(), "")).setPhase(evaluated.phase().name())
                    .setMessage(evaluated.message());
            for (MeasurementRow row : measurements) {
                if (row.metric.equals(metric.name())) {
                    result.addMeasurements(Measurement.newBuilder().setTakenAt(Timestamps.of(row.takenAt))
                            .addAllValues(Measurements.values(row)).setError(row.error)
                            .setVerdict(MeasurementVerdict.of(metric, Measurements.of(row)).phase().name()));
                }
            }
            view.addMetrics(result);
        }
        return view.build();
    }

    public Uni<List<Deployment>> list(String application, String environment, int limit) {
        Names.application("application", application);
        Names.environment("environment", environment);
        int size = limit <= 0 ? 20 : Math.min(limit, 100);
        return Panache.withSession(() -> Rollout.<Rollout>find("application = ?1 and environment = ?2 order by createdAt desc",
                application, environment).page(0, size).list().flatMap(rollouts -> {
                    Uni<List<Deployment>> views = Uni.createFrom().item(new java.util.ArrayList<>());
                    for (Rollout rollout : rollouts) {
                        views = views.flatMap(list -> view(rollout, false).map(view -> {
                            list.add(view);
                            return list;
                        }));
                    }
                    return views;
                }));
    }

    public Uni<List<Instance>> instances(String application, String environment) {
        Names.application("application", application);
        Names.environment("environment", environment);
        return Panache.withSession(() -> DeploymentTarget.<DeploymentTarget>find("application = ?1 and environment = ?2",
                application, environment).firstResult().flatMap(target -> {
                    if (target == null) {
                        return Uni.createFrom().item(List.<Instance>of());
                    }
                    return InstanceRow.<InstanceRow>list("targetId = ?1 and desired <> ?2 order by createdAt, name",
                            target.id, InstanceRow.GONE).flatMap(rows -> Release.<Release>list("application", application)
                                    .map(releases -> rows.stream().map(row -> {
                                        String version = releases.stream().filter(r -> r.id.equals(row.releaseId))
                                                .map(r -> r.version).findFirst().orElse("");
                                        Instance.Builder view = Instance.newBuilder().setName(row.name)
                                                .setApplication(application).setEnvironment(environment)
                                                .setReleaseId(row.releaseId.toString()).setVersion(version)
                                                .setTrack(row.track).setHealth(row.health).setRestarts(row.restarts);
                                        if (row.pid != null) {
                                            view.setPid(row.pid);
                                        }
                                        if (row.processStartedAt != null) {
                                            view.setProcessStartedAt(Timestamps.of(row.processStartedAt));
                                        }
                                        if (row.port != null) {
                                            view.setPort(row.port);
                                        }
                                        return view.build();
                                    }).toList()));
                }));
    }
}
