package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.AnalysisPhase;
import io.opsplane.deploy.analysis.AnalysisTemplate;
import io.opsplane.deploy.domain.AnalysisRunRow;
import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.deploy.rollout.Observations;
import io.opsplane.deploy.rollout.OperatorCommand;
import io.opsplane.deploy.rollout.RolloutAction;
import io.opsplane.deploy.rollout.RolloutCommandException;
import io.opsplane.deploy.rollout.RolloutDecision;
import io.opsplane.deploy.rollout.RolloutEngine;
import io.opsplane.deploy.rollout.RolloutPhase;
import io.opsplane.deploy.rollout.RolloutSpec;
import io.opsplane.deploy.rollout.RolloutStatus;
import io.opsplane.deploy.rollout.Strategy;
import io.opsplane.deploy.rollout.Track;
import io.opsplane.deploy.rollout.TrafficWeights;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.DeploymentCompleted;
import io.opsplane.proto.events.v1.DeploymentPaused;
import io.opsplane.proto.events.v1.DeploymentRolledBack;
import io.opsplane.proto.events.v1.TrafficShifted;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One decision of a rollout, in one transaction: reads what the target, the instances and the analysis runs
 * report, asks RolloutEngine, stores the new status, turns its actions into desired state (instance rows to run
 * or stop, analysis runs to start or stop, a release marked bad) and records the events. The local target,
 * the router and the analysis measurer then bring the world to that desired state; nothing here waits on them,
 * so a crash at any point leaves a state the next decision continues from.
 */
@ApplicationScoped
public class RolloutReconciler {

    @Inject
    Outbox outbox;

    /**
     * @param routerWeights per backend, what the router reports now; absent when it reports nothing
     * @return the rollout after the decision, or null when there is nothing left to decide
     */
    public Uni<Rollout> reconcile(UUID rolloutId, Optional<OperatorCommand> command,
            Function<String, Optional<TrafficWeights>> routerWeights, String by) {
        return outbox.inTransaction(() -> Rollout.<Rollout>findById(rolloutId).flatMap(found -> {
            if (found == null) {
                throw DomainException.notFound("no deployment with id " + rolloutId);
            }
            // The target's lock orders this decision with deployments, scale changes and other decisions.
            return DeploymentTarget.lockById(found.targetId).flatMap(target -> Rollout.<Rollout>findById(rolloutId)
                    .call(rollout -> io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(session -> session.refresh(rollout)))
                    .flatMap(rollout -> decide(target, rollout, command, routerWeights, by)));
        }));
    }

    private Uni<Rollout> decide(DeploymentTarget target, Rollout rollout, Optional<OperatorCommand> command,
            Function<String, Optional<TrafficWeights>> routerWeights, String by) {
        if (Rollout.AWAITING_APPROVAL.equals(rollout.phase)) {
            if (command.isEmpty()) {
                return Uni.createFrom().item(rollout);
            }
            if (command.get() != OperatorCommand.ABORT) {
                throw DomainException.failedPrecondition("deployment " + rollout.id + " awaits an approval; "
                        + command.get().name().toLowerCase(java.util.Locale.ROOT) + " is possible once it is approved");
            }
            rollout.phase = RolloutPhase.ABORTED.name();
            rollout.reason = "AbortedBeforeApproval";
            rollout.updatedAt = Instant.now();
            return Uni.createFrom().item(rollout);
        }
        if (command.isEmpty() && !rollout.isActive() && rollout.pendingScaleDown == null) {
            return Uni.createFrom().item(rollout);
        }
        return Release.<Release>findById(rollout.releaseId).flatMap(release -> InstanceRow
                .<InstanceRow>list("targetId = ?1 and desired = ?2", target.id, InstanceRow.RUN)
                .flatMap(instances -> AnalysisRunRow.<AnalysisRunRow>list("rolloutId", rollout.id).flatMap(runs -> {
                    Instant now = Instant.now();
                    RolloutSpec spec = RolloutState.spec(rollout, release.version);
                    RolloutStatus before = RolloutState.status(rollout);
                    Track newTrack = RolloutState.newTrack(spec.strategy());
                    int healthy = (int) instances.stream().filter(i -> i.releaseId.equals(release.id)
                            && i.track.equals(newTrack.name()) && "HEALTHY".equals(i.health)).count();
                    Map<String, AnalysisPhase> observedRuns = new HashMap<>();
                    runs.forEach(run -> observedRuns.put(run.name, AnalysisPhase.valueOf(run.phase)));
                    Observations observed = new Observations(healthy, observedRuns, routerWeights.apply(target.backend()),
                            command);
                    RolloutDecision decision;
                    try {
                        decision = RolloutEngine.reconcile(spec, before, observed, now);
                    } catch (RolloutCommandException e) {
                        throw DomainException.failedPrecondition(e.getMessage());
                    }
                    RolloutState.store(rollout, decision.status());
                    rollout.nextReconcileAt = decision.reconcileAt().orElse(null);
                    rollout.updatedAt = now;
                    Uni<Void> work = Uni.createFrom().voidItem();
                    for (RolloutAction action : decision.actions()) {
                        work = work.call(() -> perform(action, target, rollout, release, instances, runs, spec.strategy(), now));
                    }
                    return work.call(() -> announce(target, rollout, release, before, decision.status(), now, by))
                            .replaceWith(rollout);
                })));
    }

    private Uni<?> perform(RolloutAction action, DeploymentTarget target, Rollout rollout, Release release,
            List<InstanceRow> instances, List<AnalysisRunRow> runs, Strategy strategy, Instant now) {
        if (action instanceof RolloutAction.StartInstances start) {
            long running = instances.stream().filter(i -> i.releaseId.equals(release.id)
                    && i.track.equals(start.track().name())).count();
            List<InstanceRow> created = new ArrayList<>();
            for (long i = running; i < start.replicas(); i++) {
                created.add(Instances.row(target, release.id, start.track(), now));
            }
            return created.isEmpty() ? Uni.createFrom().voidItem() : InstanceRow.persist(created);
        }
        if (action instanceof RolloutAction.ScaleDown scaleDown) {
            Track oldTrack = RolloutState.oldTrack(strategy);
            // The track of the release that leaves; after a completed rollout the old track, after a retreat the new one.
            List<InstanceRow> leaving = instances.stream().filter(i -> i.track.equals(scaleDown.track().name())).toList();
            leaving.forEach(i -> {
                i.desired = InstanceRow.STOP;
                i.health = "STOPPING";
                i.updatedAt = now;
            });
            if (scaleDown.track() == oldTrack && RolloutPhase.HEALTHY.name().equals(rollout.phase)) {
                target.stableReleaseId = release.id;
            }
            return Uni.createFrom().voidItem();
        }
        if (action instanceof RolloutAction.StartAnalysis start) {
            if (runs.stream().anyMatch(run -> run.name.equals(start.runName()))) {
                return Uni.createFrom().voidItem();
            }
            return previousVersion(rollout).flatMap(stableVersion -> {
                AnalysisRunRow run = new AnalysisRunRow();
                run.rolloutId = rollout.id;
                run.name = start.runName();
                run.template = start.templateName();
                run.queries = new JsonObject(new java.util.LinkedHashMap<>(queries(rollout, release, stableVersion,
                        start.templateName()))).encode();
                run.phase = AnalysisPhase.RUNNING.name();
                run.startedAt = now;
                return run.persist();
            });
        }
        if (action instanceof RolloutAction.StopAnalysis stop) {
            runs.stream().filter(run -> run.name.equals(stop.runName())).forEach(run -> run.stopped = true);
            return Uni.createFrom().voidItem();
        }
        if (action instanceof RolloutAction.MarkReleaseBad bad) {
            release.bad = true;
            release.badReason = bad.reason();
            return Uni.createFrom().voidItem();
        }
        // SetWeights: the weights are part of the stored status; the router converges to them.
        return Uni.createFrom().voidItem();
    }

    private Uni<String> previousVersion(Rollout rollout) {
        if (rollout.previousReleaseId == null) {
            return Uni.createFrom().item("none");
        }
        return Release.<Release>findById(rollout.previousReleaseId).map(previous -> previous == null ? "none" : previous.version);
    }

    /** The template's queries with its arguments filled in: those of the deployment, then the rollout's own. */
    static Map<String, String> queries(Rollout rollout, Release release, String stableVersion, String templateName) {
        List<io.opsplane.proto.deploy.v1.AnalysisTemplate> given = templates(rollout.analysisTemplates);
        AnalysisTemplate template = Specs.templates(given).get(templateName);
        if (template == null) {
            throw DomainException.invalid("no analysis template named '" + templateName + "'");
        }
        Map<String, String> values = new HashMap<>();
        new JsonObject(rollout.analysisArgs).forEach(entry -> values.put(entry.getKey(), (String) entry.getValue()));
        Map<String, String> automatic = Map.of("application", rollout.application, "environment", rollout.environment,
                "canary-version", release.version, "stable-version", stableVersion);
        automatic.forEach((name, value) -> {
            if (template.args().stream().anyMatch(argument -> argument.name().equals(name))) {
                values.putIfAbsent(name, value);
            }
        });
        values.keySet().removeIf(name -> template.args().stream().noneMatch(argument -> argument.name().equals(name)));
        return template.resolveQueries(values);
    }

    static List<io.opsplane.proto.deploy.v1.AnalysisTemplate> templates(String json) {
        List<io.opsplane.proto.deploy.v1.AnalysisTemplate> templates = new ArrayList<>();
        for (Object entry : new JsonArray(json)) {
            templates.add(Catalog.parse(((JsonObject) entry).encode(), io.opsplane.proto.deploy.v1.AnalysisTemplate.newBuilder()).build());
        }
        return templates;
    }

    private Uni<?> announce(DeploymentTarget target, Rollout rollout, Release release, RolloutStatus before,
            RolloutStatus after, Instant now, String by) {
        var ref = DeployEvents.ref(rollout, release);
        String subject = rollout.application;
        Uni<?> work = Uni.createFrom().voidItem();
        if (!before.weights().equals(after.weights())) {
            work = work.call(() -> outbox.record(subject, TrafficShifted.newBuilder().setApplication(rollout.application)
                    .setEnvironment(rollout.environment).setRef(ref).setStableWeight(after.weights().stable())
                    .setCanaryWeight(after.weights().canary()).setPreviousStableWeight(before.weights().stable())
                    .setPreviousCanaryWeight(before.weights().canary()).setShiftedAt(DeployEvents.at(now)).build()));
        }
        boolean pausedAgain = after.phase() == RolloutPhase.PAUSED && before.currentStep() != after.currentStep();
        if (before.phase() == after.phase() && !pausedAgain) {
            return work;
        }
        switch (after.phase()) {
            case PAUSED -> work = work.call(() -> outbox.record(subject, DeploymentPaused.newBuilder()
                    .setApplication(rollout.application).setEnvironment(rollout.environment).setRef(ref)
                    .setStep(after.currentStep()).setReason(after.reason()).setPausedAt(DeployEvents.at(now)).build()));
            case HEALTHY -> {
                target.stableReleaseId = release.id;
                work = work.call(() -> outbox.record(subject, DeploymentCompleted.newBuilder()
                        .setApplication(rollout.application).setEnvironment(rollout.environment).setRef(ref)
                        .setStartedAt(DeployEvents.at(rollout.createdAt)).setCompletedAt(DeployEvents.at(now)).build()));
            }
            case ROLLED_BACK, ABORTED, DEGRADED -> work = work.call(() -> outbox.record(subject,
                    DeploymentRolledBack.newBuilder().setApplication(rollout.application)
                            .setEnvironment(rollout.environment).setRef(ref).setPhase(after.phase().name())
                            .setReason(after.reason()).setFailedAnalysis(failedAnalysis(after.reason()))
                            .setReleaseMarkedBad(release.bad).setRolledBackAt(DeployEvents.at(now)).build()));
            default -> {
            }
        }
        return work;
    }

    /** The run a reason such as {@code AnalysisFailed a1-step2} or {@code BackgroundAnalysisFailed a1-background-1} names. */
    static String failedAnalysis(String reason) {
        for (String prefix : List.of("AnalysisFailed ", "AnalysisError ", "BackgroundAnalysisFailed ")) {
            if (reason.startsWith(prefix)) {
                return reason.substring(prefix.length()).trim();
            }
        }
        return "";
    }
}
