package io.opsplane.deploy.service;

import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.InstanceCrashed;
import io.opsplane.proto.events.v1.InstanceStarted;
import io.opsplane.proto.events.v1.InstanceStopped;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What the local target reports about instances, stored with the events that announce it. */
@ApplicationScoped
public class InstanceRecords {

    @Inject
    Outbox outbox;

    private record Context(InstanceRow row, DeploymentTarget target, Release release, Rollout rollout) {
    }

    private Uni<Context> context(String name) {
        return InstanceRow.<InstanceRow>findById(name).flatMap(row -> row == null ? Uni.createFrom().nullItem()
                : DeploymentTarget.<DeploymentTarget>findById(row.targetId).flatMap(target -> Release.<Release>findById(row.releaseId)
                        .flatMap(release -> Rollout.<Rollout>find("targetId = ?1 and releaseId = ?2 order by createdAt desc",
                                row.targetId, row.releaseId).firstResult()
                                .map(rollout -> new Context(row, target, release, rollout)))));
    }

    public Uni<Void> running(String name, long pid, Instant startedAt, int port, boolean adopted) {
        return outbox.inTransaction(() -> context(name).flatMap(context -> {
            if (context == null) {
                return Uni.createFrom().voidItem();
            }
            InstanceRow row = context.row();
            boolean changed = row.pid == null || row.pid != pid || row.port == null || row.port != port
                    || !"HEALTHY".equals(row.health);
            row.pid = pid;
            row.processStartedAt = startedAt;
            row.port = port;
            if (InstanceRow.RUN.equals(row.desired)) {
                row.health = "HEALTHY";
            }
            row.updatedAt = Instant.now();
            if (!changed && !adopted) {
                return Uni.createFrom().voidItem();
            }
            return outbox.record(context.target().application, InstanceStarted.newBuilder()
                    .setApplication(context.target().application).setEnvironment(context.target().environment)
                    .setRef(DeployEvents.ref(context.rollout(), context.release())).setInstance(name)
                    .setTrack(row.track.toLowerCase(Locale.ROOT)).setPid(pid).setPort(port).setAdopted(adopted)
                    .setStartedAt(DeployEvents.at(startedAt)).build()).replaceWithVoid();
        }));
    }

    public Uni<Void> crashed(String name, long pid, int exitCode, int crashesInARow, Duration restartIn) {
        Instant now = Instant.now();
        return outbox.inTransaction(() -> context(name).flatMap(context -> {
            if (context == null) {
                return Uni.createFrom().voidItem();
            }
            InstanceRow row = context.row();
            row.health = "CRASHED";
            row.restarts++;
            row.updatedAt = now;
            return outbox.record(context.target().application, InstanceCrashed.newBuilder()
                    .setApplication(context.target().application).setEnvironment(context.target().environment)
                    .setRef(DeployEvents.ref(context.rollout(), context.release())).setInstance(name)
                    .setTrack(row.track.toLowerCase(Locale.ROOT)).setPid(pid).setExitCode(exitCode)
                    .setCrashesInARow(crashesInARow).setRestartInMs(restartIn.toMillis())
                    .setCrashedAt(DeployEvents.at(now)).build()).replaceWithVoid();
        }));
    }

    public Uni<Void> startFailed(String name) {
        return outbox.inTransaction(() -> InstanceRow.<InstanceRow>findById(name).invoke(row -> {
            if (row != null && InstanceRow.RUN.equals(row.desired)) {
                row.health = "CRASHED";
                row.updatedAt = Instant.now();
            }
        }).replaceWithVoid());
    }

    public Uni<Void> stopped(String name) {
        Instant now = Instant.now();
        return outbox.inTransaction(() -> context(name).flatMap(context -> {
            if (context == null || !InstanceRow.STOP.equals(context.row().desired)) {
                return Uni.createFrom().voidItem();
            }
            InstanceRow row = context.row();
            row.desired = InstanceRow.GONE;
            row.health = "STOPPED";
            row.updatedAt = now;
            return outbox.record(context.target().application, InstanceStopped.newBuilder()
                    .setApplication(context.target().application).setEnvironment(context.target().environment)
                    .setRef(DeployEvents.ref(context.rollout(), context.release())).setInstance(name)
                    .setTrack(row.track.toLowerCase(Locale.ROOT)).setStoppedAt(DeployEvents.at(now)).build())
                    .replaceWithVoid();
        }));
    }
}
