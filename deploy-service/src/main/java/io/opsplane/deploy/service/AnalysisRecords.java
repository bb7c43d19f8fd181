package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.AnalysisPhase;
import io.opsplane.deploy.analysis.AnalysisRunEngine;
import io.opsplane.deploy.analysis.AnalysisRunEvaluation;
import io.opsplane.deploy.analysis.AnalysisTemplate;
import io.opsplane.deploy.analysis.MetricEvaluation;
import io.opsplane.deploy.domain.AnalysisRunRow;
import io.opsplane.deploy.domain.MeasurementRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.AnalysisCompleted;
import io.opsplane.proto.events.v1.AnalysisMeasurement;
import io.opsplane.proto.events.v1.AnalysisMetricOutcome;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Analysis runs between measurements: which metrics are due, storing what was measured, and the run's phase
 * from all of its measurements (AnalysisRunEngine), announced once the run ends.
 */
@ApplicationScoped
public class AnalysisRecords {

    @Inject
    Outbox outbox;

    /** A metric of a run to measure now, with its query. */
    public record Due(UUID rolloutId, String run, String metric, String query) {
    }

    /** A measurement taken: values, or the error that kept it from being taken. */
    public record Taken(Due due, Instant takenAt, boolean isList, List<Double> values, String error) {
    }

    public Uni<List<Due>> due(Instant now) {
        return Panache.withSession(() -> AnalysisRunRow.<AnalysisRunRow>list("phase = ?1 and stopped = false",
                AnalysisPhase.RUNNING.name()).flatMap(runs -> {
                    Uni<List<Due>> all = Uni.createFrom().item(new ArrayList<>());
                    for (AnalysisRunRow run : runs) {
                        all = all.flatMap(list -> evaluation(run).map(evaluated -> {
                            if (evaluated == null) {
                                return list;
                            }
                            JsonObject queries = new JsonObject(run.queries);
                            evaluated.metrics().forEach((metric, evaluation) -> {
                                if (evaluation.phase() == AnalysisPhase.RUNNING && evaluation.nextMeasurementAt()
                                        .map(at -> !at.isAfter(now)).orElse(false)) {
                                    list.add(new Due(run.rolloutId, run.name, metric, queries.getString(metric)));
                                }
                            });
                            return list;
                        }));
                    }
                    return all;
                }));
    }

    private Uni<AnalysisRunEvaluation> evaluation(AnalysisRunRow run) {
        return Rollout.<Rollout>findById(run.rolloutId).flatMap(rollout -> MeasurementRow.<MeasurementRow>list(
                "rolloutId = ?1 and runName = ?2", run.rolloutId, run.name).map(rows -> {
                    AnalysisTemplate template = Specs.templates(RolloutReconciler.templates(rollout.analysisTemplates))
                            .get(run.template);
                    return template == null ? null : AnalysisRunEngine.evaluate(template, Measurements.byMetric(rows),
                            run.startedAt, run.stopped);
                }));
    }

    /** Stores measurements, and the new phase of every run that is not finished; returns the rollouts whose runs ended. */
    public Uni<List<UUID>> record(List<Taken> taken) {
        return outbox.inTransaction(() -> {
            Uni<Void> stored = Uni.createFrom().voidItem();
            for (Taken measurement : taken) {
                MeasurementRow row = new MeasurementRow();
                row.rolloutId = measurement.due().rolloutId();
                row.runName = measurement.due().run();
                row.metric = measurement.due().metric();
                row.takenAt = measurement.takenAt();
                row.isList = measurement.isList();
                row.valueList = measurement.error().isEmpty() ? Measurements.encode(measurement.values()) : "";
                row.error = measurement.error();
                stored = stored.call(() -> row.persist());
            }
            return stored.call(() -> Panache.getSession().flatMap(session -> session.flush()))
                    .flatMap(ignored -> AnalysisRunRow.<AnalysisRunRow>list("phase = ?1", AnalysisPhase.RUNNING.name()))
                    .flatMap(runs -> {
                        List<UUID> ended = new ArrayList<>();
                        Uni<Void> work = Uni.createFrom().voidItem();
                        for (AnalysisRunRow run : runs) {
                            work = work.call(() -> evaluation(run).flatMap(evaluated -> {
                                if (evaluated == null || evaluated.phase() == AnalysisPhase.RUNNING) {
                                    return Uni.createFrom().voidItem();
                                }
                                run.phase = evaluated.phase().name();
                                run.completedAt = Instant.now();
                                ended.add(run.rolloutId);
                                return announce(run, evaluated);
                            }));
                        }
                        return work.replaceWith(ended);
                    });
        });
    }

    private Uni<Void> announce(AnalysisRunRow run, AnalysisRunEvaluation evaluated) {
        return Rollout.<Rollout>findById(run.rolloutId).flatMap(rollout -> Release.<Release>findById(rollout.releaseId)
                .flatMap(release -> MeasurementRow.<MeasurementRow>list("rolloutId = ?1 and runName = ?2 order by takenAt",
                        run.rolloutId, run.name).flatMap(rows -> {
                            AnalysisCompleted.Builder event = AnalysisCompleted.newBuilder()
                                    .setApplication(rollout.application).setEnvironment(rollout.environment)
                                    .setRef(DeployEvents.ref(rollout, release)).setRunName(run.name)
                                    .setTemplate(run.template).setPhase(run.phase)
                                    .setCompletedAt(DeployEvents.at(run.completedAt));
                            for (Map.Entry<String, MetricEvaluation> metric : evaluated.metrics().entrySet()) {
                                AnalysisMetricOutcome.Builder outcome = AnalysisMetricOutcome.newBuilder()
                                        .setName(metric.getKey()).setPhase(metric.getValue().phase().name())
                                        .setMessage(metric.getValue().message());
                                rows.stream().filter(row -> row.metric.equals(metric.getKey())).forEach(row -> outcome
                                        .addMeasurements(AnalysisMeasurement.newBuilder()
                                                .setTakenAt(DeployEvents.at(row.takenAt))
                                                .addAllValues(Measurements.values(row)).setError(row.error)));
                                event.addMetrics(outcome);
                            }
                            return outbox.record(rollout.application, event.build()).replaceWithVoid();
                        })));
    }
}
