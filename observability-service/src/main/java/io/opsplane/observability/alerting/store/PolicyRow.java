package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An escalation policy: its matchers and levels as JSON. */
@Entity
@Table(name = "am_escalation_policy")
public class PolicyRow extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String definition;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
