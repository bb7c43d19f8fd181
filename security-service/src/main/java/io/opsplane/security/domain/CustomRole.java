package io.opsplane.security.domain;

import io.opsplane.platform.access.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;

/** A role defined by an administrator: a name and a set of permissions of the catalogue. */
@Entity
@Table(name = "access_role")
public class CustomRole extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String description;

    /** Comma-separated permission names. */
    @Column(nullable = false)
    public String permissions;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public Role toRole() {
        return new Role(name, description, Set.of(permissions.split(",")), false);
    }
}
