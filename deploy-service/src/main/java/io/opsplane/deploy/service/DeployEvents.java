package io.opsplane.deploy.service;

import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.domain.Rollout;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.events.v1.DeploymentRef;
import java.time.Instant;

/** The parts every deployment event carries. */
final class DeployEvents {

    private DeployEvents() {
    }

    static DeploymentRef ref(Rollout rollout, Release release) {
        DeploymentRef.Builder ref = DeploymentRef.newBuilder();
        if (rollout != null) {
            ref.setDeploymentId(rollout.id.toString());
        }
        if (release != null) {
            ref.setReleaseId(release.id.toString()).setVersion(release.version)
                    .setConfigurationVersion(release.configurationVersion).setCommitSha(release.commitSha)
                    .setPipelineRunId(release.pipelineRunId);
        }
        return ref.build();
    }

    static com.google.protobuf.Timestamp at(Instant instant) {
        return Timestamps.of(instant);
    }
}
