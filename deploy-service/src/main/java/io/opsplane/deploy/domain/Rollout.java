package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A release rolled out to an environment: its spec (strategy, replicas, templates, deadline) and the status
 * RolloutEngine last decided, stored after every decision so a restarted service continues at the same step.
 */
@Entity
@Table(name = "rollout")
public class Rollout extends PanacheEntityBase {

    /** Before an approval in a protected environment; the engine has not seen the rollout yet. */
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

    @Id
    public UUID id;

    @Column(name = "target_id", nullable = false)
    public long targetId;

    @Column(nullable = false)
    public String application;

    @Column(nullable = false)
    public String environment;

    @Column(name = "release_id", nullable = false)
    public UUID releaseId;

    @Column(name = "previous_release_id")
    public UUID previousReleaseId;

    @Column(nullable = false)
    public String strategy;

    @Column(name = "analysis_templates", nullable = false)
    public String analysisTemplates;

    @Column(name = "analysis_args", nullable = false)
    public String analysisArgs;

    @Column(nullable = false)
    public int replicas;

    @Column(name = "progress_deadline_ms", nullable = false)
    public long progressDeadlineMs;

    @Column(nullable = false)
    public String phase;

    @Column(name = "current_step", nullable = false)
    public int currentStep;

    @Column(name = "weight_stable", nullable = false)
    public int weightStable;

    @Column(name = "weight_canary", nullable = false)
    public int weightCanary;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "step_started_at", nullable = false)
    public Instant stepStartedAt;

    @Column(name = "last_progress_at", nullable = false)
    public Instant lastProgressAt;

    @Column(name = "analysis_phases", nullable = false)
    public String analysisPhases;

    @Column(name = "pending_scale_down")
    public String pendingScaleDown;

    @Column(name = "scale_down_not_before")
    public Instant scaleDownNotBefore;

    @Column(name = "next_reconcile_at")
    public Instant nextReconcileAt;

    @Column(name = "requires_approval", nullable = false)
    public boolean requiresApproval;

    @Column(name = "approved_by", nullable = false)
    public String approvedBy = "";

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId = "";

    public boolean isActive() {
        return AWAITING_APPROVAL.equals(phase) || "PENDING".equals(phase) || "PROGRESSING".equals(phase)
                || "PAUSED".equals(phase);
    }
}
