package io.opsplane.security.ledger;

import io.opsplane.platform.health.ConsumerMonitor;
import io.opsplane.platform.inbox.EventConsumer;
import io.opsplane.platform.inbox.EventHandlers;
import io.opsplane.proto.events.v1.AuditRecorded;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads the audit records every service publishes on its own topic into the ledger, once each. */
@ApplicationScoped
public class AuditRecorder {

    public static final String CONSUMER = "security-audit";

    @Inject
    EventConsumer consumer;

    @Inject
    ConsumerMonitor monitor;

    @Inject
    AuditLedger ledger;

    @Inject
    AuditCheckpoints checkpoints;

    @ConfigProperty(name = "mp.messaging.incoming.audit-events.group.id")
    String groupId;

    private EventHandlers handlers;

    void register(@Observes StartupEvent event) {
        handlers = EventHandlers.builder()
                .on(AuditRecorded.class, (received, payload) -> ledger.append(received.envelope().id(),
                        received.envelope().correlationId(), payload))
                .build();
        monitor.register(CONSUMER, groupId);
    }

    /** Batches are appended in order on a worker thread; a checkpoint follows when one is due. */
    @Incoming("audit-events")
    @Blocking(ordered = true)
    public void record(ConsumerRecords<String, byte[]> records) {
        consumer.process(CONSUMER, records, handlers);
        checkpoints.takeIfDue();
    }
}
