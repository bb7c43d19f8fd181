package io.opsplane.platform.outbox;

import com.google.protobuf.Message;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.trace.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records domain events in the outbox, inside the caller's transaction, so the event exists exactly
 * when the state change it announces is committed.
 */
@ApplicationScoped
public class Outbox {

    private final EventCatalog catalog = EventCatalog.instance();

    @Inject
    OutboxRelay relay;

    @Inject
    io.opsplane.platform.events.Topics topics;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /**
     * Runs {@code work} in a transaction and wakes the relay once it has committed. Use it for every
     * use case that calls {@link #record}.
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wakeUp);
    }

    /** The domain this service owns, from the platform manifest: where its platform-wide events go. */
    private String ownDomain() {
        return io.opsplane.platform.manifest.PlatformManifest.load().component(applicationName)
                .flatMap(io.opsplane.platform.manifest.PlatformManifest.Component::domain)
                .orElseThrow(() -> new IllegalStateException(applicationName + " owns no domain in platform.manifest"));
    }

    /** Adds an event to the current transaction; {@code subject} is the aggregate id (the Kafka key). */
    public Uni<EventEnvelope> record(String subject, Message payload) {
        return record(subject, payload, TraceContext.currentCorrelationId(), TraceContext.currentTraceparent());
    }

    /** As {@link #record(String, Message)}, for work whose trace context is no longer current. */
    public Uni<EventEnvelope> record(String subject, Message payload, String correlationId, String traceparent) {
        EventEnvelope event = catalog.envelope(payload, "opsplane/" + applicationName, subject, correlationId,
                traceparent);
        String domain = catalog.isPlatformWide(event.type()) ? ownDomain() : catalog.domainOfType(event.type());
        OutboxRecord row = OutboxRecord.of(topics.events(domain), event);
        return row.persist().replaceWith(event);
    }
}
