package io.opsplane.observability.domain;

import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event on the timeline. */
@Entity
@Table(name = "timeline_event")
public class TimelineEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String subject;

    @Column(name = "event_time", nullable = false)
    public Instant eventTime;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "trace_id")
    public String traceId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "kafka_partition", nullable = false)
    public int partition;

    @Column(name = "kafka_offset", nullable = false)
    public long offset;

    @Column(nullable = false)
    public String data;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static TimelineEvent of(ReceivedEvent received, Instant recordedAt) {
        EventEnvelope envelope = received.envelope();
        TimelineEvent event = new TimelineEvent();
        event.eventId = envelope.id();
        event.eventType = envelope.type();
        event.source = envelope.source();
        event.subject = envelope.subject();
        event.eventTime = envelope.time();
        event.correlationId = envelope.correlationId();
        event.traceId = envelope.traceId();
        event.topic = received.topic();
        event.partition = received.partition();
        event.offset = received.offset();
        event.data = envelope.dataJson();
        event.recordedAt = recordedAt;
        return event;
    }
}
