package io.opsplane.platform.inbox;

import com.google.protobuf.Message;
import io.micrometer.core.instrument.MeterRegistry;
import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.PoisonEventException;
import io.opsplane.platform.events.ReceivedEvent;
import io.opsplane.platform.events.Topics;
import io.opsplane.platform.failure.FailureClassifier;
import io.opsplane.platform.failure.FailureKind;
import io.opsplane.platform.failure.RetryPolicy;
import io.opsplane.platform.health.ConsumerMonitor;
import io.opsplane.platform.kafka.DeadLetters;
import io.opsplane.platform.outbox.Outbox;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The receiving half of the event backbone, with one failure contract for every consumer:
 * <ul>
 * <li>a record that is not a valid event of the catalogue, or not written by the owner of its topic,
 * is poison: dead-lettered at once;</li>
 * <li>the valid events of a batch are applied in one transaction with their inbox claims, so each
 * effect happens once;</li>
 * <li>when that fails, the failure is classified ({@link FailureClassifier}): an unavailable database
 * or broker is waited for (health reports the consumer stuck); a retryable failure is retried
 * {@code opsplane.consumer.max-attempts} times; then, and at once for a permanent failure, each event
 * is tried alone, so only the events that fail by themselves are dead-lettered and the rest are
 * applied.</li>
 * </ul>
 * It blocks while it retries: call it from a worker thread, one batch at a time, and commit the
 * offsets after it returns.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final EventCatalog catalog = EventCatalog.instance();

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Topics topics;

    @Inject
    ConsumerMonitor monitor;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "opsplane.consumer.max-attempts", defaultValue = "5")
    int maxAttempts;

    @ConfigProperty(name = "opsplane.consumer.initial-backoff", defaultValue = "PT0.1S")
    Duration initialBackoff;

    @ConfigProperty(name = "opsplane.consumer.max-backoff", defaultValue = "PT5S")
    Duration maxBackoff;

    private RetryPolicy policy;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        policy = new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
    }

    /** A retry loop waiting for a dependency ends at shutdown; the batch's offsets stay uncommitted. */
    void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** Decodes, applies and dead-letters one batch; returns when every record is applied or dead-lettered. */
    public void process(String consumer, ConsumerRecords<String, byte[]> records, EventHandlers handlers) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("EventConsumer blocks; call it from a worker thread");
        }
        List<ReceivedEvent> valid = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ReceivedEvent event = decode(record);
                if (handlers.handles(event.envelope().type())) {
                    valid.add(event);
                }
            } catch (PoisonEventException e) {
                deadLetter(consumer, record, DeadLetters.Kind.POISON, e.getMessage());
            }
        }
        if (!valid.isEmpty()) {
            applyWithRetries(consumer, valid, handlers, policy);
        }
        monitor.succeeded(consumer);
    }

    /** A record as a checked event: a CloudEvent of the catalogue, from its topic's owner, data re-printed. */
    ReceivedEvent decode(ConsumerRecord<String, byte[]> record) throws PoisonEventException {
        EventEnvelope envelope = CloudEventCodec.fromRecord(record);
        Optional<String> topicDomain = topics.domainOfEvents(record.topic());
        if (topicDomain.isPresent()) {
            String domain = topicDomain.get();
            if (catalog.isKnown(envelope.type()) && !catalog.belongsOn(envelope.type(), domain)) {
                throw new PoisonEventException("type " + envelope.type() + " does not belong on " + record.topic());
            }
            if (!Topics.ownerSource(domain).equals(envelope.source())) {
                throw new PoisonEventException("source '" + envelope.source() + "' may not write " + record.topic()
                        + " (only " + Topics.ownerSource(domain) + ")");
            }
        }
        Message payload = catalog.parse(envelope);
        return new ReceivedEvent(catalog.canonical(envelope, payload), payload, record.topic(), record.partition(),
                record.offset(), record);
    }

    /**
     * Applies the events in one transaction, retrying as {@code retries} says; when several events
     * still fail together, tries each alone.
     */
    private void applyWithRetries(String consumer, List<ReceivedEvent> events, EventHandlers handlers,
            RetryPolicy retries) {
        for (int attempt = 1; ; attempt++) {
            Throwable failure = applyOnce(consumer, events, handlers);
            if (failure == null) {
                monitor.succeeded(consumer);
                return;
            }
            FailureKind kind = FailureClassifier.classify(failure);
            monitor.failed(consumer, failure);
            registry.counter("opsplane.consumer.failures", "consumer", consumer, "kind", kind.name().toLowerCase())
                    .increment();
            if (retries.retries(kind, attempt)) {
                Duration pause = retries.backoffAfter(Math.min(attempt, 16));
                LOG.warnf("%s: applying %d events failed (%s, attempt %d), retrying in %d ms: %s", consumer,
                        events.size(), kind, attempt, pause.toMillis(), failure.getMessage());
                if (!pause(pause)) {
                    throw new IllegalStateException(consumer + ": interrupted while retrying", failure);
                }
                continue;
            }
            if (events.size() > 1) {
                LOG.warnf("%s: %d events failed together (%s); trying each alone: %s", consumer, events.size(), kind,
                        failure.getMessage());
                // After a retryable failure was retried as a batch, each event gets one more try alone.
                RetryPolicy alone = kind == FailureKind.PERMANENT ? policy : policy.withMaxAttempts(1);
                for (ReceivedEvent event : events) {
                    applyWithRetries(consumer, List.of(event), handlers, alone);
                }
                return;
            }
            ReceivedEvent event = events.get(0);
            DeadLetters.Kind dead = kind == FailureKind.PERMANENT ? DeadLetters.Kind.PERMANENT
                    : DeadLetters.Kind.RETRIES_EXHAUSTED;
            deadLetter(consumer, event.record(), dead, "event " + event.envelope().id() + " cannot be applied ("
                    + kind.name().toLowerCase() + ", " + attempt + " attempts): " + rootMessage(failure));
            return;
        }
    }

    /** One transaction: claim the events not seen before, apply those; returns the failure or null. */
    private Throwable applyOnce(String consumer, List<ReceivedEvent> events, EventHandlers handlers) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> outbox.inTransaction(() -> inbox.claim(consumer, events)
                    .flatMap(fresh -> {
                        registry.counter("opsplane.events.applied", "consumer", consumer).increment(fresh.size());
                        // One after the other, without nesting: handlers that complete at once (a persist
                        // flushed at commit) would otherwise stack a frame per event and overflow.
                        return Multi.createFrom().iterable(fresh)
                                .onItem().transformToUniAndConcatenate(handlers::dispatch)
                                .collect().last().replaceWithVoid();
                    })));
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    /** Sends a record to the dead-letter topic, waiting for the broker while it is unavailable. */
    private void deadLetter(String consumer, ConsumerRecord<String, byte[]> record, DeadLetters.Kind kind,
            String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                deadLetters.send(consumer, record, kind, reason).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(consumer + ": interrupted while dead-lettering", e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                monitor.failed(consumer, cause);
                Duration pause = policy.backoffAfter(Math.min(attempt, 16));
                LOG.warnf("%s: dead-lettering failed (attempt %d), retrying in %d ms: %s", consumer, attempt,
                        pause.toMillis(), cause.getMessage());
                if (!pause(pause)) {
                    throw new IllegalStateException(consumer + ": interrupted while dead-lettering", cause);
                }
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    private boolean pause(Duration duration) {
        if (stopping) {
            return false;
        }
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
