package io.opsplane.pipeline.triggers;

import io.grpc.Metadata;
import io.grpc.Status;
import io.opsplane.pipeline.domain.TriggerFiring;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.platform.access.OwnToken;
import io.opsplane.proto.security.v1.CheckAccessRequest;
import io.opsplane.proto.security.v1.MutinyAccessServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
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

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of(AuthHeaders.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("access")
    MutinyAccessServiceGrpc.MutinyAccessServiceStub access;

    @ConfigProperty(name = "opsplane.service.token")
    Optional<String> tokenValue;

    @ConfigProperty(name = "opsplane.service.token-file")
    Optional<String> tokenFile;

    @ConfigProperty(name = "opsplane.pipeline.triggers.owner-check-timeout", defaultValue = "5s")
    Duration callTimeout;

    /** Off only where no security-service runs: this module's own tests. */
    @ConfigProperty(name = "opsplane.pipeline.triggers.owner-check", defaultValue = "true")
    boolean enabled;

    private Optional<String> ownToken;

    @PostConstruct
    void init() {
        ownToken = OwnToken.resolve(tokenValue, tokenFile);
    }

    Uni<Optional<String>> refusal(TriggerFiring firing) {
        if (!enabled) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (ownToken.isEmpty()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("pipeline-service has no token of "
                    + "its own (OPSPLANE_SERVICE_TOKEN) to check the owner with").asRuntimeException());
        }
        CheckAccessRequest.Builder question = CheckAccessRequest.newBuilder().setPermission("pipelines:run")
                .setResource("pipeline:" + firing.pipelineName);
        if (firing.ownerTokenId.isEmpty()) {
            question.setSubject(firing.triggeredBy).addAllGroups(Owner.groupsOf(firing.ownerGroups));
        } else {
            question.setTokenId(firing.ownerTokenId);
        }
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, AuthHeaders.BEARER + ownToken.get());
        return GrpcClientUtils.attachHeaders(access, metadata)
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .checkAccess(question.build())
                .map(decision -> decision.getAllowed() ? Optional.<String>empty()
                        : Optional.of("the owner " + firing.triggeredBy + " may no longer run pipeline "
                                + firing.pipelineName + (firing.ownerTokenId.isEmpty() ? ""
                                        : " with token " + firing.ownerTokenId) + ": " + decision.getReason()));
    }
}
