package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One measurement of one metric of an analysis run: the query's values, or why it could not be taken. */
@Entity
@Table(name = "measurement")
public class MeasurementRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(name = "run_name", nullable = false)
    public String runName;

    @Column(nullable = false)
    public String metric;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    @Column(name = "is_list", nullable = false)
    public boolean isList;

    /** JSON array of numbers; empty when {@link #error} says why there is none. */
    @Column(name = "value_list", nullable = false)
    public String valueList = "";

    @Column(nullable = false)
    public String error = "";
}
