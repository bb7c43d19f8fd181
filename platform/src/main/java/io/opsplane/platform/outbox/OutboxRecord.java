package io.opsplane.platform.outbox;

import io.opsplane.platform.events.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the outbox: one event waiting to be (or already) published. */
@Entity
@Table(name = "outbox_event")
public class OutboxRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String topic;

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

    public String traceparent;

    @Column(nullable = false)
    public String data;

    @Column(name = "published_at")
    public Instant publishedAt;

    static OutboxRecord of(String topic, EventEnvelope event) {
        OutboxRecord row = new OutboxRecord();
        row.eventId = event.id();
        row.topic = topic;
        row.eventType = event.type();
        row.source = event.source();
        row.subject = event.subject();
        row.eventTime = event.time();
        row.correlationId = event.correlationId();
        row.traceparent = event.traceparent();
        row.data = event.dataJson();
        return row;
    }
}
