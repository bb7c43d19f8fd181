package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The git repository a pipeline is bound to: its filters, credentials, webhook secret and polling. */
@Entity
@Table(name = "pipeline_source")
public class PipelineSource extends PanacheEntityBase {

    @Id
    @Column(name = "pipeline_id")
    public Long pipelineId;

    @Column(name = "repository_url", nullable = false)
    public String repositoryUrl;

    /** Glob patterns of branches, one per line; empty: every branch. */
    @Column(nullable = false)
    public String branches;

    /** Glob patterns of tags, one per line; empty: no tag. */
    @Column(nullable = false)
    public String tags;

    @Column(name = "credentials_secret", nullable = false)
    public String credentialsSecret;

    @Column(name = "webhook_secret", nullable = false)
    public String webhookSecret;

    @Column(name = "poll_interval_seconds", nullable = false)
    public int pollIntervalSeconds;

    @Column(name = "next_poll_at")
    public Instant nextPollAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public static Uni<PipelineSource> of(Long pipelineId) {
        return findById(pipelineId);
    }
}
