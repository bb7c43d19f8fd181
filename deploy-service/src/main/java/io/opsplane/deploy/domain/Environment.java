package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where applications are deployed: a target that runs instances and a router in front of them. */
@Entity
@Table(name = "environment")
public class Environment extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String target;

    @Column(name = "protected", nullable = false)
    public boolean protectedEnvironment;

    @Column(name = "router_kind", nullable = false)
    public String routerKind;

    @Column(name = "port_range_start", nullable = false)
    public int portRangeStart;

    @Column(name = "port_range_end", nullable = false)
    public int portRangeEnd;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
