package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A received alert as merged, and the last state an event announced for it. */
@Entity
@Table(name = "am_alert")
public class AlertRow extends PanacheEntityBase {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    @Id
    public String fingerprint;

    @Column(nullable = false)
    public String labels;

    @Column(nullable = false)
    public String annotations;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "generator_url", nullable = false)
    public String generatorUrl;

    @Column(nullable = false)
    public String announced;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
