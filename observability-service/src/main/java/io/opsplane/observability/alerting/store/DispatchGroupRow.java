package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One aggregation group of the dispatcher, as exported (its alerts and flush state as JSON). */
@Entity
@Table(name = "am_dispatch_group")
public class DispatchGroupRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "route_path", nullable = false)
    public String routePath;

    @Column(name = "group_labels", nullable = false)
    public String groupLabels;

    @Column(nullable = false)
    public String state;

    @Column(name = "saved_at", nullable = false)
    public Instant savedAt;
}
