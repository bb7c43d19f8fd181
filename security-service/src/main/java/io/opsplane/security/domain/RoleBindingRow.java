package io.opsplane.security.domain;

import io.opsplane.platform.access.Binding;
import io.opsplane.platform.access.Scope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored binding: a role granted to a subject or a group at a scope. */
@Entity
@Table(name = "role_binding")
public class RoleBindingRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public String subject;

    @Column(name = "grp", nullable = false)
    public String group;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public Binding toBinding() {
        return new Binding(id, role, Scope.parse(scope), subject, group);
    }
}
