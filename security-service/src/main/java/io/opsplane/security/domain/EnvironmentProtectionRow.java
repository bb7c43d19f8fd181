package io.opsplane.security.domain;

import io.opsplane.security.approval.AllowList;
import io.opsplane.security.approval.EnvironmentProtection;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored protection of the environments a pattern matches. */
@Entity
@Table(name = "environment_protection")
public class EnvironmentProtectionRow extends PanacheEntityBase {

    @Id
    public String pattern;

    @Column(name = "required_approvals", nullable = false)
    public int requiredApprovals;

    @Column(name = "deploy_subjects", nullable = false)
    public String deploySubjects;

    @Column(name = "deploy_groups", nullable = false)
    public String deployGroups;

    @Column(name = "approver_subjects", nullable = false)
    public String approverSubjects;

    @Column(name = "approver_groups", nullable = false)
    public String approverGroups;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public EnvironmentProtection toProtection() {
        return new EnvironmentProtection(pattern, requiredApprovals,
                new AllowList(CommaList.split(deploySubjects), CommaList.split(deployGroups)),
                new AllowList(CommaList.split(approverSubjects), CommaList.split(approverGroups)));
    }

    /** Copies the rule into this row. */
    public void set(EnvironmentProtection protection, String by, Instant at) {
        pattern = protection.pattern();
        requiredApprovals = protection.requiredApprovals();
        deploySubjects = CommaList.join(protection.deployers().subjects());
        deployGroups = CommaList.join(protection.deployers().groups());
        approverSubjects = CommaList.join(protection.approvers().subjects());
        approverGroups = CommaList.join(protection.approvers().groups());
        updatedBy = by;
        updatedAt = at;
    }
}
