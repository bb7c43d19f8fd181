package io.opsplane.platform.events;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.proto.events.v1.DeployEventsProto;
import io.opsplane.proto.events.v1.HealingEventsProto;
import io.opsplane.proto.events.v1.InfraEventsProto;
import io.opsplane.proto.events.v1.ObservabilityEventsProto;
import io.opsplane.proto.events.v1.PipelineEventsProto;
import io.opsplane.proto.events.v1.SecurityEventsProto;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every event type of {@code proto/opsplane/events/v1}: its CloudEvents type (the proto full name),
 * its domain and so its topic, and the JSON mapping of its payload.
 */
public final class EventCatalog {

    /** The domains, in catalogue order; each owns the topic {@code opsplane.<domain>.events}. */
    public static final List<String> DOMAINS =
            List.of("pipeline", "infra", "deploy", "observability", "healing", "security");

    private static final Map<String, FileDescriptor> FILES_BY_DOMAIN = Map.of(
            "pipeline", PipelineEventsProto.getDescriptor(),
            "infra", InfraEventsProto.getDescriptor(),
            "deploy", DeployEventsProto.getDescriptor(),
            "observability", ObservabilityEventsProto.getDescriptor(),
            "healing", HealingEventsProto.getDescriptor(),
            "security", SecurityEventsProto.getDescriptor());

    /** Types every service may publish on its own topic (the audit trail), whatever its domain. */
    private static final FileDescriptor PLATFORM_WIDE = io.opsplane.proto.events.v1.AuditEventsProto.getDescriptor();

    private static final EventCatalog INSTANCE = new EventCatalog();

    private final Map<String, Descriptor> descriptorsByType = new LinkedHashMap<>();
    private final Map<String, String> domainsByType = new LinkedHashMap<>();
    private final java.util.Set<String> platformWide = new java.util.LinkedHashSet<>();
    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();

    private EventCatalog() {
        for (String domain : DOMAINS) {
            for (Descriptor descriptor : FILES_BY_DOMAIN.get(domain).getMessageTypes()) {
                descriptorsByType.put(descriptor.getFullName(), descriptor);
                domainsByType.put(descriptor.getFullName(), domain);
            }
        }
        for (Descriptor descriptor : PLATFORM_WIDE.getMessageTypes()) {
            descriptorsByType.put(descriptor.getFullName(), descriptor);
            platformWide.add(descriptor.getFullName());
        }
    }

    public static EventCatalog instance() {
        return INSTANCE;
    }

    public boolean isKnown(String type) {
        return descriptorsByType.containsKey(type);
    }

    /** Whether every service publishes this type on its own topic (the audit trail). */
    public boolean isPlatformWide(String type) {
        return platformWide.contains(type);
    }

    /** Whether an event of this type may travel on the topic of {@code domain}. */
    public boolean belongsOn(String type, String domain) {
        return platformWide.contains(type) || domain.equals(domainsByType.get(type));
    }

    /** The domain an event type belongs to, and so the topic it travels on; platform-wide types have none. */
    public String domainOfType(String type) {
        String domain = domainsByType.get(type);
        if (domain == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return domain;
    }

    /** The event types of one domain, sorted; platform-wide types belong to none. */
    public List<String> typesOf(String domain) {
        return domainsByType.entrySet().stream().filter(e -> e.getValue().equals(domain)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Wraps a payload in a new envelope with a fresh id and the current time. */
    public EventEnvelope envelope(Message payload, String source, String subject, String correlationId,
            String traceparent) {
        String type = payload.getDescriptorForType().getFullName();
        if (!isKnown(type)) {
            throw new IllegalArgumentException("not an event of the catalogue: " + type);
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("an event needs a subject (the aggregate id)");
        }
        return new EventEnvelope(UUID.randomUUID().toString(), type, source, subject, Instant.now(),
                correlationId, traceparent, toJson(payload));
    }

    public String toJson(Message payload) {
        try {
            return printer.print(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + payload.getDescriptorForType().getFullName(), e);
        }
    }

    /**
     * Parses the data of an envelope strictly into its payload message; a poison event when that
     * fails. Unknown fields are allowed (the contract lets v1 messages grow) and dropped.
     */
    public Message parse(EventEnvelope envelope) throws PoisonEventException {
        Descriptor descriptor = descriptorsByType.get(envelope.type());
        if (descriptor == null) {
            throw new PoisonEventException("unknown event type '" + envelope.type() + "'");
        }
        try {
            EventJson.requireSingleObject(envelope.dataJson());
        } catch (PoisonEventException e) {
            throw new PoisonEventException("data is not a valid " + envelope.type() + ": " + e.getMessage());
        }
        Message.Builder builder = com.google.protobuf.DynamicMessage.newBuilder(descriptor);
        try {
            parser.merge(envelope.dataJson(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new PoisonEventException("data is not a valid " + envelope.type() + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    /**
     * The envelope with its data re-printed from the parsed payload: what is stored and served is
     * always the canonical JSON mapping, never the producer's text.
     */
    public EventEnvelope canonical(EventEnvelope envelope, Message payload) {
        return new EventEnvelope(envelope.id(), envelope.type(), envelope.source(), envelope.subject(),
                envelope.time(), envelope.correlationId(), envelope.traceparent(), toJson(payload));
    }
}
