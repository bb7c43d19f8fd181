package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The artifacts archive one attempt uploaded; its bytes are in the artifact store under {@link #sha256}. */
@Entity
@Table(name = "job_artifact")
public class JobArtifact extends PanacheEntityBase {

    @Id
    @Column(name = "attempt_id")
    public UUID attemptId;

    @Column(name = "run_id", nullable = false, updatable = false)
    public UUID runId;

    @Column(name = "job_name", nullable = false, updatable = false)
    public String jobName;

    @Column(nullable = false, updatable = false)
    public int attempt;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    @Column(name = "file_count", nullable = false)
    public int fileCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null: kept for ever. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The newest unexpired archive of a job of a run; null when none. */
    public static Uni<JobArtifact> latestOf(UUID runId, String jobName, Instant now) {
        return JobArtifact.<JobArtifact>find("runId = ?1 and jobName = ?2 and (expiresAt is null or expiresAt > ?3)"
                + " order by createdAt desc", runId, jobName, now).firstResult();
    }

    /** The unexpired archives of a run, newest first. */
    public static Uni<List<JobArtifact>> ofRun(UUID runId, Instant now) {
        return JobArtifact.<JobArtifact>find("runId = ?1 and (expiresAt is null or expiresAt > ?2)"
                + " order by createdAt desc", runId, now).list();
    }
}
