package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A silence; its matchers as a JSON array of Alertmanager matcher strings. */
@Entity
@Table(name = "am_silence")
public class SilenceRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String matchers;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(nullable = false)
    public String comment;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
