package io.opsplane.pipeline.triggers;

import io.opsplane.pipeline.domain.EventTrigger;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.ReceivedEvent;
import io.opsplane.platform.health.ConsumerMonitor;
import io.opsplane.platform.inbox.EventConsumer;
import io.opsplane.platform.inbox.EventHandlers;
import io.opsplane.pipeline.triggers.events.EventFacts;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every domain topic and, for each event, writes a firing for every active trigger of its type whose filters
 * hold, in the transaction that marks the event consumed: an event delivered twice fires each trigger once. The
 * firings become runs on {@link TriggerClock}'s next tick.
 */
@ApplicationScoped
public class EventTriggerConsumer {

    public static final String CONSUMER = "pipeline-event-triggers";
    /** The event's data handed to the run, cut to this many characters. */
    static final int MAX_DATA = 64 * 1024;

    @Inject
    EventConsumer consumer;

    @Inject
    ConsumerMonitor monitor;

    @ConfigProperty(name = "mp.messaging.incoming.trigger-events.group.id")
    String groupId;

    private final EventHandlers handlers = EventHandlers.builder()
            .onEveryType((event, payload) -> fire(event))
            .build();

    void register(@Observes StartupEvent event) {
        monitor.register(CONSUMER, groupId);
    }

    @Incoming("trigger-events")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.process(CONSUMER, records, handlers);
    }

    private static Uni<Void> fire(ReceivedEvent received) {
        EventEnvelope event = received.envelope();
        return EventTrigger.<EventTrigger>list("eventType = ?1 and active = true", event.type()).flatMap(triggers -> {
            if (triggers.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            EventFacts facts = new EventFacts(event.source(), event.subject(), event.dataJson());
            return depthOf(event, facts).flatMap(depth -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (EventTrigger trigger : triggers) {
                    if (EventTriggers.conditions(trigger).matches(facts)) {
                        chain = chain.flatMap(ignored -> Pipeline.<Pipeline>findById(trigger.pipelineId)
                                .flatMap(pipeline -> TriggerClock.record("event", trigger.id, event.id(),
                                        pipeline.name, trigger.ref, variables(trigger, event),
                                        new TriggerClock.By(trigger.owner, trigger.ownerTokenId, trigger.ownerGroups),
                                        depth + 1, Instant.now())));
                    }
                }
                return chain;
            });
        });
    }

    /** How many runs in a row started by events led to this event: that of the run it is about, if any. */
    private static Uni<Integer> depthOf(EventEnvelope event, EventFacts facts) {
        if (!event.type().startsWith("opsplane.events.v1.") || facts.value("data.runId").isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID runId;
        try {
            runId = UUID.fromString(facts.value("data.runId").get());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(0);
        }
        return PipelineRun.<PipelineRun>findById(runId).map(run -> run == null ? 0 : run.eventDepth);
    }

    private static String variables(EventTrigger trigger, EventEnvelope event) {
        Map<String, String> variables = new LinkedHashMap<>(TriggerJson.variables(trigger.variables));
        String data = event.dataJson();
        variables.put("OPSPLANE_EVENT_ID", event.id());
        variables.put("OPSPLANE_EVENT_TYPE", event.type());
        variables.put("OPSPLANE_EVENT_SOURCE", event.source());
        variables.put("OPSPLANE_EVENT_SUBJECT", event.subject());
        variables.put("OPSPLANE_EVENT_DATA", data.length() > MAX_DATA ? data.substring(0, MAX_DATA) : data);
        return TriggerJson.variables(variables);
    }
}
