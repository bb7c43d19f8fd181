package io.opsplane.platform.inbox;

import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.PoisonEventException;
import io.opsplane.platform.events.ReceivedEvent;
import io.opsplane.platform.kafka.DeadLetters;
import io.opsplane.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * The receiving half of the event backbone: decodes a batch of records, sends poison records to the
 * dead-letter topic, then applies the rest exactly once: in one transaction, the inbox claims the
 * events not seen before and the effect runs on those. Transient failures (database, broker) are
 * retried with back-off, so an event is never dropped and never applied twice.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final EventCatalog catalog = EventCatalog.instance();

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    public Uni<Void> apply(String consumer, ConsumerRecords<String, byte[]> records,
            Function<List<ReceivedEvent>, Uni<Void>> effect) {
        List<ReceivedEvent> valid = new ArrayList<>(records.count());
        List<Uni<Void>> poisoned = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope envelope = CloudEventCodec.fromRecord(record);
                valid.add(new ReceivedEvent(envelope, catalog.parse(envelope), record.topic(), record.partition(),
                        record.offset()));
            } catch (PoisonEventException e) {
                registry.counter("opsplane.events.dead-lettered", "consumer", consumer).increment();
                poisoned.add(deadLetters.send(consumer, record, e.getMessage()));
            }
        }
        Uni<Void> deadLettered = poisoned.isEmpty() ? Uni.createFrom().voidItem()
                : retried(consumer, "dead-lettering", Uni.join().all(poisoned).andFailFast().replaceWithVoid());
        if (valid.isEmpty()) {
            return deadLettered;
        }
        Uni<Void> applied = outbox.inTransaction(() -> inbox.claim(consumer, valid).flatMap(fresh -> {
            registry.counter("opsplane.events.applied", "consumer", consumer).increment(fresh.size());
            return fresh.isEmpty() ? Uni.createFrom().voidItem() : effect.apply(fresh);
        }));
        // The transaction first, on the caller's Vert.x context; the dead letters after it, because their
        // acknowledgements arrive on a Kafka client thread, where no database session can follow.
        return retried(consumer, "applying " + valid.size() + " events", applied).flatMap(ignored -> deadLettered);
    }

    private static Uni<Void> retried(String consumer, String what, Uni<Void> work) {
        return work.onFailure().invoke(e -> LOG.warnf("%s: %s failed, retrying: %s", consumer, what, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely();
    }
}
