package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A registered runner: the tags it serves and whether it takes new jobs. */
@Entity
@Table(name = "runner")
public class Runner extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    /** Comma-separated, sorted. */
    @Column(nullable = false)
    public String tags;

    @Column(name = "run_untagged", nullable = false)
    public boolean runUntagged;

    @Column(nullable = false)
    public String executor;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public int concurrency;

    @Column(nullable = false)
    public boolean paused;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    public static Uni<Runner> findByName(String name) {
        return find("name", name).firstResult();
    }
}
