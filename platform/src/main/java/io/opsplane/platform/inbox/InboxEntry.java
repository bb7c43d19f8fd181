package io.opsplane.platform.inbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An event a consumer has applied. */
@Entity
@Table(name = "inbox_event")
@IdClass(InboxEntry.Key.class)
public class InboxEntry extends PanacheEntityBase {

    @Id
    public String consumer;

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    static InboxEntry of(String consumer, String eventId) {
        InboxEntry entry = new InboxEntry();
        entry.consumer = consumer;
        entry.eventId = eventId;
        entry.processedAt = Instant.now();
        return entry;
    }

    /** Composite key: (consumer, event id). */
    public static class Key implements Serializable {
        public String consumer;
        public String eventId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(consumer, key.consumer)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, eventId);
        }
    }
}
