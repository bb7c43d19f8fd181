package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An application version with a configuration version; immutable but for the bad mark a rollback sets. */
@Entity
@Table(name = "release")
public class Release extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String application;

    @Column(nullable = false)
    public String version;

    @Column(name = "configuration_version", nullable = false)
    public int configurationVersion;

    @Column(name = "commit_sha", nullable = false)
    public String commitSha = "";

    @Column(name = "pipeline_run_id", nullable = false)
    public String pipelineRunId = "";

    @Column(nullable = false)
    public boolean bad;

    @Column(name = "bad_reason", nullable = false)
    public String badReason = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
