package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A planned job of a run: what the scheduler decides on, and what a runner needs to run it. */
@Entity
@Table(name = "run_job")
public class RunJob extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false, updatable = false)
    public UUID runId;

    @Column(nullable = false, updatable = false)
    public int position;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String stage;

    @Column(name = "stage_index", nullable = false, updatable = false)
    public int stageIndex;

    @Column(nullable = false)
    public String status;

    @Column(name = "run_when", nullable = false, updatable = false)
    public String when;

    @Column(name = "start_in_seconds", nullable = false, updatable = false)
    public long startInSeconds;

    @Column(name = "allow_failure", nullable = false, updatable = false)
    public boolean allowFailure;

    /** Comma-separated exit codes whose failure is allowed. */
    @Column(name = "allow_exit_codes", nullable = false, updatable = false)
    public String allowExitCodes;

    /** One need per line ({@link NeedLines}); null for classic stage ordering. */
    @Column(updatable = false)
    public String needs;

    @Column(name = "resource_group", updatable = false)
    public String resourceGroup;

    @Column(name = "retry_max", nullable = false, updatable = false)
    public int retryMax;

    /** Comma-separated failure reasons that are retried. */
    @Column(name = "retry_when", nullable = false, updatable = false)
    public String retryWhen;

    @Column(name = "retry_exit_codes", nullable = false, updatable = false)
    public String retryExitCodes;

    /** Comma-separated, sorted. */
    @Column(nullable = false, updatable = false)
    public String tags;

    /** The JobAssignment template as proto JSON: scripts, variables, timeout, notices. */
    @Column(nullable = false, updatable = false)
    public String payload;

    /** Secrets the job's variables take, one per line {@code <variable>\t<secret name>}. */
    @Column(nullable = false, updatable = false)
    public String secrets;

    @Column(name = "failure_allowed", nullable = false)
    public boolean failureAllowed;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "environment_name", updatable = false)
    public String environmentName;

    @Column(name = "environment_url", updatable = false)
    public String environmentUrl;

    @Column(name = "environment_action", updatable = false)
    public String environmentAction;

    public static Uni<List<RunJob>> ofRun(UUID runId) {
        return list("runId = ?1 order by position", runId);
    }

    /** Jobs of any run whose delay is over. */
    public static Uni<List<RunJob>> due(Instant now, int limit) {
        return find("status = 'scheduled' and dueAt <= ?1 order by dueAt", now).page(0, limit).list();
    }

    /**
     * The runs with jobs waiting for a resource group (of one pipeline and group, or of all when {@code pipeline}
     * is null), oldest run first: the order in which a freed group is offered.
     */
    public static Uni<List<UUID>> runsWaitingForResource(String pipeline, String group, int limit) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(session -> session.createQuery(
                "select r.id, min(r.createdAt) from RunJob j, PipelineRun r where r.id = j.runId"
                        + " and j.status = 'waiting_for_resource' and (:pipeline is null or r.pipelineName = :pipeline)"
                        + " and (:group is null or j.resourceGroup = :group) group by r.id order by min(r.createdAt)",
                Object[].class)
                .setParameter("pipeline", pipeline).setParameter("group", group).setMaxResults(limit)
                .getResultList()).map(rows -> rows.stream().map(row -> (UUID) row[0]).toList());
    }
}
