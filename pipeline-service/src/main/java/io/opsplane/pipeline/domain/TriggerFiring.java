package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The decision to start one run, made by a schedule or an event trigger; the run's id is chosen with it. */
@Entity
@Table(name = "trigger_firing")
public class TriggerFiring extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String STARTED = "started";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "run_id")
    public UUID runId;

    /** schedule or event. */
    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(name = "origin_id", nullable = false, updatable = false)
    public UUID originId;

    /** The instant a schedule was due, or the event's id. */
    @Column(nullable = false, updatable = false)
    public String occasion;

    @Column(name = "pipeline_name", nullable = false, updatable = false)
    public String pipelineName;

    @Column(nullable = false, updatable = false)
    public String ref;

    /** A JSON object of strings: the run's variables. */
    @Column(nullable = false, updatable = false)
    public String variables;

    @Column(name = "triggered_by", nullable = false, updatable = false)
    public String triggeredBy;

    /** The credential the run is started with, re-checked before it starts (see {@code Owner}). */
    @Column(name = "owner_token_id", nullable = false, updatable = false)
    public String ownerTokenId = "";

    @Column(name = "owner_groups", nullable = false, updatable = false)
    public String ownerGroups = "";

    @Column(nullable = false, updatable = false)
    public int depth;

    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public int attempts;

    public String error;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "next_try_at", nullable = false)
    public Instant nextTryAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
