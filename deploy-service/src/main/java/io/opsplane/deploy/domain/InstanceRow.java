package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An instance the target should run ({@code desired} RUN) or stop (STOP; GONE once stopped). The pid and the
 * process start time identify a running process, so a restarted deploy-service adopts it instead of starting another.
 */
@Entity
@Table(name = "instance")
public class InstanceRow extends PanacheEntityBase {

    public static final String RUN = "RUN";
    public static final String STOP = "STOP";
    public static final String GONE = "GONE";

    @Id
    public String name;

    @Column(name = "target_id", nullable = false)
    public long targetId;

    @Column(name = "release_id", nullable = false)
    public UUID releaseId;

    @Column(nullable = false)
    public String track;

    @Column(nullable = false)
    public String desired;

    public Long pid;

    @Column(name = "process_started_at")
    public Instant processStartedAt;

    public Integer port;

    /** STARTING, HEALTHY, CRASHED, STOPPING or STOPPED. */
    @Column(nullable = false)
    public String health;

    @Column(nullable = false)
    public int restarts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
