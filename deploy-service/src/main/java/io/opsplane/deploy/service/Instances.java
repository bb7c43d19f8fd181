package io.opsplane.deploy.service;

import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.rollout.Track;
import java.time.Instant;
import java.util.UUID;

/** New instance rows: named after the application, the environment and a number the target hands out once. */
final class Instances {

    private Instances() {
    }

    static InstanceRow row(DeploymentTarget target, UUID releaseId, Track track, Instant now) {
        InstanceRow row = new InstanceRow();
        target.nextInstanceNo++;
        row.name = target.application + "-" + target.environment + "-" + target.nextInstanceNo;
        row.targetId = target.id;
        row.releaseId = releaseId;
        row.track = track.name();
        row.desired = InstanceRow.RUN;
        row.health = "STARTING";
        row.createdAt = now;
        row.updatedAt = now;
        return row;
    }
}
