package io.opsplane.platform.audit;

import io.grpc.Status;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.AccessDenied;
import io.opsplane.proto.events.v1.AuditRecorded;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Hands audit records to security-service through this service's outbox: {@code AuditRecorded} for
 * every call that changed something (or tried to) or used a secret, and {@code AccessDenied} besides
 * for every refusal. Each is written in a transaction of its own once the call has ended, on a fresh
 * Vert.x sub-context, so an audit write never holds up or fails the call it describes.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** One finished call. */
    public record Call(CallerIdentity caller, String method, String permission, String resource, String summary,
            Status status, String reason, String correlationId, String traceparent) {
    }

    public void record(Context vertxContext, Call call) {
        if (vertxContext == null) {
            LOG.errorf("audit record of %s by %s lost: no Vert.x context", call.method(), call.caller().subject());
            return;
        }
        Context isolated = VertxContext.createNewDuplicatedContext(vertxContext);
        VertxContextSafetyToggle.setContextSafe(isolated, true);
        isolated.runOnContext(ignored -> write(call).subscribe().with(done -> {
        }, failure -> LOG.errorf(failure, "audit record of %s by %s could not be written", call.method(),
                call.caller().subject())));
    }

    private Uni<Void> write(Call call) {
        Instant now = Instant.now();
        CallerIdentity caller = call.caller();
        boolean denied = call.status().getCode() == Status.Code.PERMISSION_DENIED;
        String outcome = call.status().isOk() ? "succeeded" : denied ? "denied" : "failed";
        AuditRecorded record = AuditRecorded.newBuilder().setSubject(caller.subject()).setTokenId(caller.tokenId())
                .setSourceAddress(caller.sourceAddress()).setRelayedBy(caller.relayedBy()).setService(service)
                .setMethod(call.method()).setPermission(call.permission()).setResource(call.resource())
                .setSummary(call.summary()).setOutcome(outcome).setStatus(call.status().getCode().name())
                .setOccurredAt(Timestamps.of(now)).build();
        return outbox.inTransaction(() -> {
            Uni<?> recorded = outbox.record(caller.subject(), record, call.correlationId(), call.traceparent());
            if (denied) {
                AccessDenied refusal = AccessDenied.newBuilder().setSubject(caller.subject())
                        .setTokenId(caller.tokenId()).setSourceAddress(caller.sourceAddress())
                        .setRelayedBy(caller.relayedBy()).setService(service).setMethod(call.method())
                        .setPermission(call.permission()).setResource(call.resource()).setReason(call.reason())
                        .setOccurredAt(Timestamps.of(now)).build();
                recorded = recorded.flatMap(ignored -> outbox.record(caller.subject(), refusal, call.correlationId(),
                        call.traceparent()));
            }
            return recorded.replaceWithVoid();
        });
    }
}
