package io.opsplane.deploy.controller;

import io.opsplane.deploy.domain.Application;
import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.deploy.rollout.TrafficWeights;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The desired state as the database holds it at one moment: every target with its applications, releases,
 * instances and latest rollout. The local target and the router converge to it.
 */
record Snapshot(List<DeploymentTarget> targets, Map<String, Application> applications, Map<UUID, Release> releases,
        List<InstanceRow> instances, Map<Long, Rollout> latestRollouts, List<UUID> rolloutsToReconcile) {

    static Uni<Snapshot> load() {
        return Panache.withSession(() -> DeploymentTarget.<DeploymentTarget>listAll().flatMap(targets -> Application
                .<Application>listAll().flatMap(applications -> Release.<Release>listAll().flatMap(releases -> InstanceRow
                        .<InstanceRow>list("desired <> ?1", InstanceRow.GONE).flatMap(instances -> Rollout
                                .<Rollout>list("from Rollout r where r.pendingScaleDown is not null or r.phase in ?1 or r.createdAt = "
                                        + "(select max(o.createdAt) from Rollout o where o.targetId = r.targetId) order by r.createdAt",
                                        List.of(Rollout.AWAITING_APPROVAL, "PENDING", "PROGRESSING", "PAUSED")).map(rollouts -> {
                                    Map<String, Application> byName = new HashMap<>();
                                    applications.forEach(application -> byName.put(application.name, application));
                                    Map<UUID, Release> releaseById = new HashMap<>();
                                    releases.forEach(release -> releaseById.put(release.id, release));
                                    Map<Long, Rollout> latest = new HashMap<>();
                                    rollouts.forEach(rollout -> latest.put(rollout.targetId, rollout));
                                    List<UUID> toReconcile = rollouts.stream()
                                            .filter(rollout -> rollout.isActive() || rollout.pendingScaleDown != null)
                                            .filter(rollout -> !Rollout.AWAITING_APPROVAL.equals(rollout.phase))
                                            .map(rollout -> rollout.id).toList();
                                    return new Snapshot(targets, byName, releaseById, instances, latest, toReconcile);
                                }))))));
    }

    /** The split the router should apply for a target: its latest rollout's weights, all to stable without one. */
    TrafficWeights weights(DeploymentTarget target) {
        Rollout rollout = latestRollouts.get(target.id);
        return rollout == null ? TrafficWeights.ALL_STABLE : new TrafficWeights(rollout.weightStable, rollout.weightCanary);
    }

    List<InstanceRow> instancesOf(DeploymentTarget target) {
        return instances.stream().filter(instance -> instance.targetId == target.id).toList();
    }
}
