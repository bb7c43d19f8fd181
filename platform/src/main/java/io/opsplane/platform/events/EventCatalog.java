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

    private static final EventCatalog INSTANCE = new EventCatalog();

    private final Map<String, Descriptor> descriptorsByType = new LinkedHashMap<>();
    private final Map<String, String> domainsByType = new LinkedHashMap<>();
    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();

    private EventCatalog() {
        for (String domain : DOMAINS) {
            for (Descriptor descriptor : FILES_BY_DOMAIN.get(domain).getMessageTypes()) {
                descriptorsByType.put(descriptor.getFullName(), descriptor);
                domainsByType.put(descriptor.getFullName(), domain);
            }
        }
    }

    public static EventCatalog instance() {
        return INSTANCE;
    }

    public static String topicOf(String domain) {
        return "opsplane." + domain + ".events";
    }

    public static List<String> allTopics() {
        return DOMAINS.stream().map(EventCatalog::topicOf).toList();
    }


    public boolean isKnown(String type) {
        return descriptorsByType.containsKey(type);
    }

    public String topicOfType(String type) {
        String domain = domainsByType.get(type);
        if (domain == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return topicOf(domain);
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

    /** Parses the data of an envelope into its payload message; a poison event when that fails. */
    public Message parse(EventEnvelope envelope) throws PoisonEventException {
        Descriptor descriptor = descriptorsByType.get(envelope.type());
        if (descriptor == null) {
            throw new PoisonEventException("unknown event type '" + envelope.type() + "'");
        }
        Message.Builder builder = com.google.protobuf.DynamicMessage.newBuilder(descriptor);
        try {
            parser.merge(envelope.dataJson(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new PoisonEventException("data is not a valid " + envelope.type() + ": " + e.getMessage(), e);
        }
        return builder.build();
    }
}
