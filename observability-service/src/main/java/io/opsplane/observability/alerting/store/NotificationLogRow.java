package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of the dispatcher's notification log: what a group's integration was last told. */
@Entity
@Table(name = "am_notification_log")
public class NotificationLogRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "group_key", nullable = false)
    public String groupKey;

    @Column(nullable = false)
    public String receiver;

    @Column(nullable = false)
    public String integration;

    /** The firing fingerprints told, as a JSON array. */
    @Column(nullable = false)
    public String firing;

    /** The resolved fingerprints told, as a JSON array. */
    @Column(nullable = false)
    public String resolved;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
