package io.opsplane.observability.messaging;

import io.opsplane.observability.domain.TimelineEvent;
import io.opsplane.platform.inbox.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records every domain event on the timeline, once. */
@ApplicationScoped
public class TimelineRecorder {

    public static final String CONSUMER = "observability-timeline";

    @Inject
    IdempotentConsumer consumer;

    /**
     * Batches are applied one after the other (ordered) on a worker thread, each on a fresh Vert.x
     * context as Hibernate Reactive requires; the offsets are committed only after the batch is.
     */
    @Incoming("domain-events")
    @Blocking(ordered = true)
    public void record(ConsumerRecords<String, byte[]> records) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.apply(CONSUMER, records, fresh -> {
            Instant now = Instant.now();
            Object[] entries = fresh.stream().map(event -> TimelineEvent.of(event, now)).toArray();
            return Panache.getSession().flatMap(session -> session.persistAll(entries));
        }));
    }
}
