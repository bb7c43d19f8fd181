package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One accepted version of the Alertmanager configuration. */
@Entity
@Table(name = "am_config")
public class ConfigRow extends PanacheEntityBase {

    @Id
    public long version;

    @Column(nullable = false)
    public String yaml;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
