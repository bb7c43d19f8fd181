package io.opsplane.observability.messaging;

import io.opsplane.observability.domain.TimelineEvent;
import io.opsplane.observability.targets.DeployedInstances;
import io.opsplane.proto.events.v1.InstanceStarted;
import io.opsplane.proto.events.v1.InstanceStopped;
import io.opsplane.platform.health.ConsumerMonitor;
import io.opsplane.platform.inbox.EventConsumer;
import io.opsplane.platform.inbox.EventHandlers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records every domain event on the timeline, once. */
@ApplicationScoped
public class TimelineRecorder {

    public static final String CONSUMER = "observability-timeline";

    @Inject
    EventConsumer consumer;

    @Inject
    ConsumerMonitor monitor;

    @Inject
    Clock clock;

    @ConfigProperty(name = "mp.messaging.incoming.domain-events.group.id")
    String groupId;

    @Inject
    DeployedInstances instances;

    private final EventHandlers handlers = EventHandlers.builder()
            // The instances deploy-service runs, for the metrics store's discovery.
            .on(InstanceStarted.class, (event, started) -> instances.started(started))
            .on(InstanceStopped.class, (event, stopped) -> instances.stopped(stopped))
            .onEveryType((event, payload) -> Panache.getSession()
                    .flatMap(session -> session.persist(TimelineEvent.of(event, clock.instant()))))
            .build();

    void register(@Observes StartupEvent event) {
        monitor.register(CONSUMER, groupId);
    }

    /**
     * Batches are applied one after the other (ordered) on a worker thread; the offsets are committed
     * only after the batch is applied or dead-lettered.
     */
    @Incoming("domain-events")
    @Blocking(ordered = true)
    public void record(ConsumerRecords<String, byte[]> records) {
        consumer.process(CONSUMER, records, handlers);
    }
}
