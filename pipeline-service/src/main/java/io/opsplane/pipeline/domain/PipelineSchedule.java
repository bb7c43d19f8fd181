package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A cron schedule of a pipeline; {@code nextRunAt} is when it is due next (null while inactive). */
@Entity
@Table(name = "pipeline_schedule")
public class PipelineSchedule extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    public Long pipelineId;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String cron;

    @Column(nullable = false)
    public String timezone;

    @Column(nullable = false)
    public String ref;

    /** A JSON object of strings. */
    @Column(nullable = false)
    public String variables;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "next_run_at")
    public Instant nextRunAt;

    @Column(nullable = false, updatable = false)
    public String owner;

    /** The API token the owner created it with; empty for a signed-in person (see {@code Owner}). */
    @Column(name = "owner_token_id", nullable = false)
    public String ownerTokenId = "";

    /** The owner's groups then, a JSON array. */
    @Column(name = "owner_groups", nullable = false)
    public String ownerGroups = "";

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
