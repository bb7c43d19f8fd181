package io.opsplane.pipeline.artifacts;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.pipeline.domain.JobArtifact;
import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.runs.RunnerProtocol;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Job artifacts: the records of the archives attempts uploaded, who may download which, and their expiry. The
 * bytes are in the {@link ArtifactStore}; this class only touches the database (reactively).
 */
@ApplicationScoped
public class Artifacts {

    public static final int MAX_NAME = 255;

    @Inject
    ArtifactsConfig config;

    private ArtifactStore store;

    @PostConstruct
    void init() {
        store = new DirectoryArtifactStore(root(config));
    }

    static Path root(ArtifactsConfig config) {
        return config.dir().filter(dir -> !dir.isBlank()).map(Path::of).orElseGet(() -> Path.of(
                System.getProperty("opsplane.home", System.getProperty("java.io.tmpdir")), "artifacts"));
    }

    public ArtifactStore store() {
        return store;
    }

    public long maxBytes() {
        return config.maxBytes();
    }

    /** Whether the attempt is running under {@code fencingToken}; fails otherwise. */
    public Uni<JobAttempt> held(UUID attemptId, long fencingToken) {
        return Panache.withSession(() -> JobAttempt.<JobAttempt>findById(attemptId).map(attempt -> {
            if (attempt == null) {
                throw DomainException.notFound("no job attempt " + attemptId);
            }
            RunnerProtocol.requireHeld(attempt, fencingToken);
            return attempt;
        }));
    }

    /**
     * Records the archive an attempt stored, if it still holds the attempt; a repeated upload by the same attempt
     * (its answer was lost) replaces the record.
     */
    public Uni<JobArtifact> record(UUID attemptId, long fencingToken, String name, ArtifactStore.Blob blob,
            int fileCount) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> JobAttempt.lock(attemptId).flatMap(attempt -> {
            if (attempt == null) {
                throw DomainException.notFound("no job attempt " + attemptId);
            }
            RunnerProtocol.requireHeld(attempt, fencingToken);
            return RunJob.<RunJob>findById(attempt.jobId).flatMap(job -> JobArtifact.<JobArtifact>findById(attemptId)
                    .flatMap(existing -> {
                        JobArtifact artifact = existing == null ? new JobArtifact() : existing;
                        if (existing == null) {
                            artifact.attemptId = attemptId;
                            artifact.runId = attempt.runId;
                            artifact.jobName = job.name;
                            artifact.attempt = attempt.number;
                        }
                        artifact.name = name;
                        artifact.sha256 = blob.sha256();
                        artifact.size = blob.size();
                        artifact.fileCount = fileCount;
                        artifact.createdAt = now;
                        artifact.expiresAt = expiresAt(assignment(job), now);
                        return existing == null ? artifact.<JobArtifact>persist() : Uni.createFrom().item(artifact);
                    }));
        }));
    }

    Instant expiresAt(JobAssignment job, Instant now) {
        long seconds = job.hasArtifacts() ? job.getArtifacts().getExpireInSeconds() : 0;
        if (seconds < 0) {
            return null;
        }
        Duration keep = seconds == 0 ? config.defaultExpireIn() : Duration.ofSeconds(seconds);
        return now.plus(keep);
    }

    /**
     * The archive of {@code upstream} for the running attempt asking: PERMISSION_DENIED unless {@code upstream} is
     * one of the jobs whose artifacts its job gets (dependencies, or needs with artifacts), NOT_FOUND when that
     * job has none (or they expired).
     */
    public Uni<JobArtifact> forDownload(UUID attemptId, long fencingToken, String upstream) {
        Instant now = Instant.now();
        return Panache.withSession(() -> JobAttempt.<JobAttempt>findById(attemptId).flatMap(attempt -> {
            if (attempt == null) {
                throw DomainException.notFound("no job attempt " + attemptId);
            }
            RunnerProtocol.requireHeld(attempt, fencingToken);
            return RunJob.<RunJob>findById(attempt.jobId).flatMap(job -> {
                if (!assignment(job).getDependenciesList().contains(upstream)) {
                    throw DomainException.permissionDenied("job '" + job.name + "' does not depend on the artifacts"
                            + " of '" + upstream + "' (neither in its dependencies nor in its needs with artifacts)");
                }
                return JobArtifact.latestOf(attempt.runId, upstream, now).map(artifact -> {
                    if (artifact == null) {
                        throw DomainException.notFound("job '" + upstream + "' of this run has no artifacts"
                                + " (none were uploaded, or they expired)");
                    }
                    return artifact;
                });
            });
        }));
    }

    /** The newest unexpired archive of each job of the run. */
    public Uni<List<JobArtifact>> ofRun(UUID runId) {
        return Panache.withSession(() -> JobArtifact.ofRun(runId, Instant.now())).map(all -> {
            Map<String, JobArtifact> newest = new LinkedHashMap<>();
            all.forEach(artifact -> newest.putIfAbsent(artifact.jobName, artifact));
            return new ArrayList<>(newest.values());
        });
    }

    /** The newest unexpired archive of a job of the run; NOT_FOUND when none. */
    public Uni<JobArtifact> latest(UUID runId, String jobName) {
        return Panache.withSession(() -> JobArtifact.latestOf(runId, jobName, Instant.now())).map(artifact -> {
            if (artifact == null) {
                throw DomainException.notFound("job '" + jobName + "' of run " + runId + " has no artifacts"
                        + " (none were uploaded, or they expired)");
            }
            return artifact;
        });
    }

    /**
     * Deletes up to {@code limit} expired records; says how many, and the blobs no record refers to anymore
     * (the caller removes them from the store).
     */
    public record Expired(int records, List<String> orphans) {
    }

    public Uni<Expired> removeExpired(Instant now, int limit) {
        return Panache.withTransaction(() -> JobArtifact.<JobArtifact>find(
                "expiresAt is not null and expiresAt <= ?1 order by expiresAt", now).page(0, limit).list()
                .flatMap(expired -> {
                    List<String> shas = expired.stream().map(a -> a.sha256).distinct().toList();
                    Uni<Void> deleted = Uni.createFrom().voidItem();
                    for (JobArtifact artifact : expired) {
                        deleted = deleted.flatMap(ignored -> artifact.delete());
                    }
                    return deleted.flatMap(ignored -> Panache.getSession()).flatMap(session -> session.flush()
                            .flatMap(ignored -> unreferenced(shas)))
                            .map(orphans -> new Expired(expired.size(), orphans));
                }));
    }

    private static Uni<List<String>> unreferenced(List<String> shas) {
        if (shas.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return JobArtifact.<JobArtifact>find("sha256 in ?1", shas).list().map(still -> {
            List<String> orphans = new ArrayList<>(shas);
            still.forEach(artifact -> orphans.remove(artifact.sha256));
            return orphans;
        });
    }

    /** The stored job template (instructions for the runner), as the runner gets it. */
    public static JobAssignment assignment(RunJob job) {
        JobAssignment.Builder template = JobAssignment.newBuilder();
        try {
            JsonFormat.parser().merge(job.payload, template);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored job " + job.id + " is unreadable", e);
        }
        return template.build();
    }
}
