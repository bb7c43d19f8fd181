package io.opsplane.pipeline.sources;

import io.grpc.Status;
import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.runs.RunTrigger;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Webhook deliveries (GitHub, GitLab) for a pipeline's source: verified with the hook secret of the pipeline's
 * scope, each delivery id taken once (a unique key in the database: a redelivery starts nothing), pushes of
 * branches and tags the source's filters take start a run of the pushed commit.
 */
@ApplicationScoped
public class WebhookReceiver {

    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);

    /** started, duplicate or ignored. */
    public record Outcome(String outcome, String detail, UUID runId) {
    }

    @Inject
    SourceSecrets secrets;

    @Inject
    RunLauncher launcher;

    public Uni<Outcome> receive(String provider, String pipelineName, Map<String, String> headers, byte[] body) {
        if (!"github".equals(provider) && !"gitlab".equals(provider)) {
            return Uni.createFrom().failure(DomainException.invalid("provider must be github or gitlab"));
        }
        return Panache.withSession(() -> PipelineSources.find(pipelineName)).flatMap(bound -> {
            // Whether the pipeline exists or has a source is not told to an unauthenticated sender.
            if (bound == null || bound.source() == null) {
                return Uni.createFrom().failure(unauthenticated());
            }
            return secrets.value(pipelineName, bound.source().webhookSecret, "webhook:" + provider)
                    .onFailure().transform(failure -> {
                        LOG.warnf("webhook for pipeline %s: its hook secret '%s' cannot be had: %s", pipelineName,
                                bound.source().webhookSecret, failure.getMessage());
                        return failure instanceof io.grpc.StatusRuntimeException e
                                && e.getStatus().getCode() == Status.Code.NOT_FOUND ? unauthenticated()
                                : Status.UNAVAILABLE.withDescription("the hook secret cannot be read now")
                                        .asRuntimeException();
                    })
                    .flatMap(secret -> act(provider, bound, Webhooks.read(provider, headers, body, secret)));
        });
    }

    private Uni<Outcome> act(String provider, PipelineSources.Bound bound, Webhooks.Verdict verdict) {
        if (verdict instanceof Webhooks.Unauthenticated) {
            return Uni.createFrom().failure(unauthenticated());
        }
        if (verdict instanceof Webhooks.Ignored ignored) {
            return Uni.createFrom().item(new Outcome("ignored", ignored.why(), null));
        }
        Webhooks.Push push = (Webhooks.Push) verdict;
        if (!bound.filters().accepts(push.ref())) {
            return Uni.createFrom().item(new Outcome("ignored", push.ref()
                    + " does not match the source's branch and tag filters", null));
        }
        return take(bound.pipeline().id, provider, push.deliveryId()).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(new Outcome("duplicate", "delivery " + push.deliveryId()
                        + " was received before", null));
            }
            String by = provider + ":" + (push.pusher().isEmpty() ? "webhook" : push.pusher());
            return launcher.trigger(new RunTrigger(bound.pipeline().name, 0, "webhook", push.ref(),
                    push.commitSha(), Map.of(), by.length() > 128 ? by.substring(0, 128) : by, null))
                    .call(run -> remember(bound.pipeline().id, provider, push.deliveryId(), run.id))
                    .map(run -> new Outcome("started", push.ref() + " at " + push.commitSha(), run.id))
                    // No run: the sender may deliver again and be heard.
                    .onFailure().call(failure -> release(bound.pipeline().id, provider, push.deliveryId()));
        });
    }

    private static RuntimeException unauthenticated() {
        return Status.UNAUTHENTICATED.withDescription("the delivery's signature does not match the pipeline's hook "
                + "secret").asRuntimeException();
    }

    /** Records the delivery id; false when it was recorded before. */
    private static Uni<Boolean> take(Long pipelineId, String provider, String deliveryId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO webhook_delivery (pipeline_id, provider, delivery_id, received_at) "
                        + "VALUES (:pipeline, :provider, :delivery, :at) ON CONFLICT DO NOTHING")
                .setParameter("pipeline", pipelineId).setParameter("provider", provider)
                .setParameter("delivery", deliveryId)
                .setParameter("at", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC)).executeUpdate()))
                .map(rows -> rows == 1);
    }

    private static Uni<Void> remember(Long pipelineId, String provider, String deliveryId, UUID runId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE webhook_delivery SET run_id = :run WHERE pipeline_id = :pipeline AND provider = :provider "
                        + "AND delivery_id = :delivery")
                .setParameter("run", runId).setParameter("pipeline", pipelineId).setParameter("provider", provider)
                .setParameter("delivery", deliveryId).executeUpdate())).replaceWithVoid();
    }

    private static Uni<Void> release(Long pipelineId, String provider, String deliveryId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM webhook_delivery WHERE pipeline_id = :pipeline AND provider = :provider "
                        + "AND delivery_id = :delivery AND run_id IS NULL")
                .setParameter("pipeline", pipelineId).setParameter("provider", provider)
                .setParameter("delivery", deliveryId).executeUpdate())).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
