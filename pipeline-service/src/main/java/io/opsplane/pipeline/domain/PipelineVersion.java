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

/** One immutable definition of a pipeline; versions count up from 1. */
@Entity
@Table(name = "pipeline_version")
public class PipelineVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    public Long pipelineId;

    @Column(nullable = false, updatable = false)
    public int version;

    @Column(nullable = false, updatable = false)
    public String sha256;

    @Column(nullable = false, updatable = false)
    public String definition;

    @Column(name = "registered_by", nullable = false, updatable = false)
    public String registeredBy;

    @Column(name = "registered_at", nullable = false, updatable = false)
    public Instant registeredAt;

    public static Uni<PipelineVersion> latestOf(Long pipelineId) {
        return find("pipelineId = ?1 order by version desc", pipelineId).firstResult();
    }

    public static Uni<List<PipelineVersion>> allOf(Long pipelineId) {
        return list("pipelineId = ?1 order by version desc", pipelineId);
    }

    /** The version after {@code latest} (or the first), unless it holds the same document. */
    public static PipelineVersion next(Pipeline pipeline, PipelineVersion latest, String definition, String sha256,
            String registeredBy) {
        PipelineVersion next = new PipelineVersion();
        next.pipelineId = pipeline.id;
        next.version = latest == null ? 1 : latest.version + 1;
        next.sha256 = sha256;
        next.definition = definition;
        next.registeredBy = registeredBy;
        next.registeredAt = Instant.now();
        return next;
    }
}
