package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Starts runs of a pipeline on domain events of one type that pass its filters. */
@Entity
@Table(name = "event_trigger")
public class EventTrigger extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    public Long pipelineId;

    @Column(nullable = false)
    public String description;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** JSON: {"filters": [{field, operator, value}, ...]}, the proto JSON of the filters. */
    @Column(nullable = false)
    public String filters;

    @Column(nullable = false)
    public String ref;

    /** A JSON object of strings. */
    @Column(nullable = false)
    public String variables;

    @Column(nullable = false)
    public boolean active;

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
