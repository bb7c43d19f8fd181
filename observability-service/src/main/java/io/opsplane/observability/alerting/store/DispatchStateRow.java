package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The dispatcher's exported state (one row). */
@Entity
@Table(name = "am_dispatch_state")
public class DispatchStateRow extends PanacheEntityBase {

    @Id
    public short id = 1;

    @Column(nullable = false)
    public String state;

    @Column(name = "saved_at", nullable = false)
    public Instant savedAt;
}
