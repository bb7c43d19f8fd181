package io.opsplane.pipeline.triggers;

import io.opsplane.pipeline.domain.TriggerFiring;
import io.opsplane.platform.auth.ServiceCredentials;
import io.opsplane.proto.security.v1.CheckAccessRequest;
import io.opsplane.proto.security.v1.MutinyAccessServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks security-service, before a firing starts its run, whether the owner may still run the pipeline with the
 * credential they created the schedule or trigger with: a revoked or expired token, or a binding taken away, stops
 * the runs started in their name. The answer is the reason for a refusal, or empty when the run may start; an
 * unreachable security-service is a failure (the firing is tried again), never a yes.
 */
@ApplicationScoped
public class OwnerCheck {

    @GrpcClient("access")
    MutinyAccessServiceGrpc.MutinyAccessServiceStub access;

    @Inject
    ServiceCredentials credentials;

    @ConfigProperty(name = "opsplane.pipeline.triggers.owner-check-timeout", defaultValue = "5s")
    Duration callTimeout;

    /** Off only where no security-service runs: this module's own tests. */
    @ConfigProperty(name = "opsplane.pipeline.triggers.owner-check", defaultValue = "true")
    boolean enabled;

    Uni<Optional<String>> refusal(TriggerFiring firing) {
        if (!enabled) {
            return Uni.createFrom().item(Optional.empty());
        }
        CheckAccessRequest.Builder question = CheckAccessRequest.newBuilder().setPermission("pipelines:run")
                .setResource("pipeline:" + firing.pipelineName);
        if (firing.ownerTokenId.isEmpty()) {
            question.setSubject(firing.triggeredBy).addAllGroups(Owner.groupsOf(firing.ownerGroups));
        } else {
            question.setTokenId(firing.ownerTokenId);
        }
        return credentials.call("to check a schedule's owner with", metadata -> GrpcClientUtils
                .attachHeaders(access, metadata).withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .checkAccess(question.build()))
                .map(decision -> decision.getAllowed() ? Optional.<String>empty()
                        : Optional.of("the owner " + firing.triggeredBy + " may no longer run pipeline "
                                + firing.pipelineName + (firing.ownerTokenId.isEmpty() ? ""
                                        : " with token " + firing.ownerTokenId) + ": " + decision.getReason()));
    }
}
