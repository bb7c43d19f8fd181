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

/** One execution of a job: queued, then held by one runner under a lease and a fencing token. */
@Entity
@Table(name = "job_attempt")
public class JobAttempt extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";

    @Id
    public UUID id;

    @Column(name = "job_id", nullable = false, updatable = false)
    public Long jobId;

    @Column(name = "run_id", nullable = false, updatable = false)
    public UUID runId;

    @Column(nullable = false, updatable = false)
    public int number;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false, updatable = false)
    public String tags;

    @Column(name = "runner_id")
    public UUID runnerId;

    @Column(name = "fencing_token")
    public Long fencingToken;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "queued_at", nullable = false, updatable = false)
    public Instant queuedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "log_bytes", nullable = false)
    public long logBytes;

    @Column(name = "log_truncated", nullable = false)
    public boolean logTruncated;

    public boolean isActive() {
        return PENDING.equals(status) || RUNNING.equals(status);
    }

    public static Uni<List<JobAttempt>> ofRun(UUID runId) {
        return list("runId = ?1 order by number", runId);
    }

    public static Uni<JobAttempt> lock(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public static Uni<JobAttempt> latestOf(Long jobId) {
        return find("jobId = ?1 order by number desc", jobId).firstResult();
    }

    public static Uni<JobAttempt> ofJob(Long jobId, int number) {
        return find("jobId = ?1 and number = ?2", jobId, number).firstResult();
    }
}
