package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One run of a pipeline version for one ref and commit. */
@Entity
@Table(name = "pipeline_run")
public class PipelineRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    public Long pipelineId;

    @Column(name = "pipeline_name", nullable = false, updatable = false)
    public String pipelineName;

    @Column(nullable = false, updatable = false)
    public int version;

    @Column(nullable = false)
    public String status;

    @Column(name = "trigger_kind", nullable = false, updatable = false)
    public String trigger;

    @Column(nullable = false, updatable = false)
    public String ref;

    @Column(name = "commit_sha", nullable = false, updatable = false)
    public String commitSha;

    @Column(name = "triggered_by", nullable = false, updatable = false)
    public String triggeredBy;

    @Column(name = "correlation_id", nullable = false, updatable = false)
    public String correlationId;

    @Column(updatable = false)
    public String traceparent;

    /** The stage names that have jobs, one per line. */
    @Column(nullable = false, updatable = false)
    public String stages;

    /** Notices about accepted but ignored keywords, one per line. */
    @Column(nullable = false, updatable = false)
    public String warnings;

    @Column(name = "parent_run_id", updatable = false)
    public UUID parentRunId;

    /** How many runs in a row, this one included, were started by events: bounds trigger loops. */
    @Column(name = "event_depth", nullable = false, updatable = false)
    public int eventDepth;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Locks the run so that its jobs advance one decision at a time, whichever instance decides. */
    public static Uni<PipelineRun> lock(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** A page of a pipeline's runs, newest first, after the run created at {@code before} (exclusive). */
    public static Uni<List<PipelineRun>> page(Long pipelineId, Instant before, UUID beforeId, int size) {
        if (before == null) {
            return find("pipelineId = ?1 order by createdAt desc, id desc", pipelineId).page(0, size).list();
        }
        return find("pipelineId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                pipelineId, before, beforeId).page(0, size).list();
    }
}
