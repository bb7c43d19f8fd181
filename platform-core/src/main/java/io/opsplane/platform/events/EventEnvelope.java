package io.opsplane.platform.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One domain event as it travels: the CloudEvents 1.0 attributes plus the JSON mapping of its proto
 * payload. {@code subject} is the aggregate id and doubles as the Kafka key, so every event of one
 * aggregate lands on one partition, in order.
 */
public record EventEnvelope(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String correlationId,
        String traceparent,
        String dataJson) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(dataJson, "dataJson");
    }

    /** The W3C trace id inside {@link #traceparent}, or {@code null} when there is none. */
    public String traceId() {
        return TraceparentFormat.traceIdOf(traceparent);
    }
}
