package io.opsplane.pipeline.runs;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.domain.Runner;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The server side of the runner protocol: registration, long-polled job acquisition, leases, results. Every
 * call about an attempt must carry the attempt's fencing token and find it running: a runner whose lease
 * expired (and whose job moved on) is refused, so no job ever has two live executions.
 */
@ApplicationScoped
public class RunnerProtocol {

    public static final int MAX_NAME = 128;
    public static final int MAX_TAGS = 50;

    @Inject
    Outbox outbox;

    @Inject
    JobQueue queue;

    @Inject
    AttemptResults results;

    @Inject
    JobSignals signals;

    @Inject
    RunnerLease lease;

    @Inject
    JobLogs logs;

    @Inject
    JobSecrets secrets;

    @Inject
    ResourceHandover handover;

    /** What a runner holds after acquiring: the attempt, and what to run. */
    public record Acquired(JobAttempt attempt, RunJob job, PipelineRun run, JobAssignment assignment) {
    }

    public Uni<Runner> register(String name, List<String> tags, boolean runUntagged, String executor, String version,
            int concurrency, String registeredBy) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || !name.matches("[A-Za-z0-9._-]+")) {
            return Uni.createFrom().failure(DomainException.invalid(
                    "a runner name is 1 to " + MAX_NAME + " letters, digits, '.', '_' or '-'"));
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.isBlank() || t.contains(",") || t.length() > 64)) {
            return Uni.createFrom().failure(DomainException.invalid(
                    "at most " + MAX_TAGS + " tags of 1 to 64 characters, without commas"));
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Runner.findByName(name).flatMap(existing -> {
            Runner runner = existing == null ? new Runner() : existing;
            if (existing == null) {
                runner.id = UUID.randomUUID();
                runner.name = name;
                runner.registeredAt = now;
            }
            runner.tags = Lines.tags(tags);
            runner.runUntagged = runUntagged || tags.isEmpty();
            runner.executor = executor == null || executor.isBlank() ? "shell" : executor;
            runner.version = version == null ? "" : version;
            runner.concurrency = Math.max(1, concurrency);
            runner.registeredBy = registeredBy;
            runner.lastSeenAt = now;
            return existing == null ? runner.<Runner>persist() : Uni.createFrom().item(runner);
        }));
    }

    /**
     * Waits up to {@code wait} for a job; null when none came.
     *
     * @param callerWaiting false once the runner's call is gone (its process died, its connection closed): a
     *                      long poll of a dead runner must not claim a job nobody will run
     */
    public Uni<Acquired> acquire(UUID runnerId, Duration wait, BooleanSupplier callerWaiting) {
        Duration bounded = wait.compareTo(lease.maxWait()) > 0 ? lease.maxWait() : wait;
        Instant deadline = Instant.now().plus(bounded);
        return tryAcquire(runnerId, deadline, callerWaiting);
    }

    private Uni<Acquired> tryAcquire(UUID runnerId, Instant deadline, BooleanSupplier callerWaiting) {
        if (!callerWaiting.getAsBoolean()) {
            return Uni.createFrom().nullItem();
        }
        // Listen before looking, so that a job queued while we look is not missed.
        Duration left = Duration.between(Instant.now(), deadline);
        Uni<Void> change = signals.nextJobChange(left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left);
        return claimOnce(runnerId).flatMap(acquired -> acquired == null ? Uni.createFrom().nullItem()
                : withSecrets(acquired)).flatMap(acquired -> {
            if (acquired != null || !Instant.now().isBefore(deadline)) {
                return Uni.createFrom().item(acquired);
            }
            return change.flatMap(ignored -> tryAcquire(runnerId, deadline, callerWaiting));
        });
    }

    /**
     * The job's secrets, fetched now and handed only to the runner that runs it, which masks them in the log.
     * A secret that cannot be had fails the attempt (unmet_prerequisites, said in its log); the runner waits on.
     */
    private Uni<Acquired> withSecrets(Acquired acquired) {
        Map<String, String> refs = JobSecrets.parse(acquired.job().secrets);
        if (refs.isEmpty()) {
            return Uni.createFrom().item(acquired);
        }
        String purpose = "job:" + acquired.run().pipelineName + "/" + acquired.run().id + "/" + acquired.job().name
                + "#" + acquired.attempt().number;
        return secrets.values(acquired.run().pipelineName, refs, purpose)
                .map(values -> new Acquired(acquired.attempt(), acquired.job(), acquired.run(), acquired.assignment()
                        .toBuilder().putAllVariables(values).addAllMaskedVariables(values.keySet()).build()))
                .onFailure().recoverWithUni(failure -> unmet(acquired, failure.getMessage()));
    }

    private Uni<Acquired> unmet(Acquired acquired, String why) {
        UUID attemptId = acquired.attempt().id;
        long token = acquired.attempt().fencingToken;
        byte[] line = ("ERROR: " + why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return appendLog(attemptId, token, 0, line)
                .flatMap(ignored -> complete(attemptId, token, new AttemptResults.Result(JobStatuses.FAILED, -1,
                        "unmet_prerequisites", false)))
                .replaceWith((Acquired) null);
    }

    private Uni<Acquired> claimOnce(UUID runnerId) {
        Instant now = Instant.now();
        return outbox.inTransaction(() -> Runner.<Runner>findById(runnerId).flatMap(runner -> {
            if (runner == null) {
                throw DomainException.notFound("no runner " + runnerId + ": register again");
            }
            runner.lastSeenAt = now;
            if (runner.paused) {
                return Uni.createFrom().nullItem();
            }
            return queue.claim(runner, now).map(claimed -> claimed == null ? null
                    : new Acquired(claimed.attempt(), claimed.job(), claimed.run(), assignment(claimed)));
        })).onFailure(Retries::isTransient).retry().atMost(3);
    }

    private JobAssignment assignment(JobQueue.Claimed claimed) {
        JobAssignment.Builder template = JobAssignment.newBuilder();
        try {
            JsonFormat.parser().merge(claimed.job().payload, template);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored job " + claimed.job().id + " is unreadable", e);
        }
        JobAttempt attempt = claimed.attempt();
        PipelineRun run = claimed.run();
        return template.setAttemptId(attempt.id.toString()).setFencingToken(attempt.fencingToken)
                .setRunId(run.id.toString()).setJobName(claimed.job().name).setAttempt(attempt.number)
                .setCommitSha(run.commitSha).setMaxLogBytes(lease.maxLogBytes())
                .putVariables("CI_JOB_ID", attempt.id.toString())
                .putVariables("CI_JOB_ATTEMPT", String.valueOf(attempt.number)).build();
    }

    /** Extends the lease; returns the attempt so the caller can tell the runner about a cancel. */
    public Uni<JobAttempt> renew(UUID attemptId, long fencingToken) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> held(attemptId, fencingToken).invoke(attempt ->
                attempt.leaseExpiresAt = now.plus(lease.lease())));
    }

    /**
     * Stores log bytes at {@code offset}; returns the attempt (its log size is the next offset). A log send is
     * also a heartbeat: a runner busy shipping a large log keeps its lease without a separate renewal.
     */
    public Uni<JobAttempt> appendLog(UUID attemptId, long fencingToken, long offset, byte[] data) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> held(attemptId, fencingToken)
                .invoke(attempt -> attempt.leaseExpiresAt = now.plus(lease.lease()))
                .flatMap(attempt -> logs.append(attempt, offset, data).replaceWith(attempt)))
                .invoke(signals::logsChanged);
    }

    /** The end of a log that comes with the result: {@code data} at {@code offset}, stored before it. */
    public record LogTail(long offset, byte[] data) {

        public static final int MAX_BYTES = 64 * 1024;
        static final LogTail NONE = new LogTail(0, new byte[0]);
    }

    /** Ends the attempt; repeating the report of an attempt that already ended this way is harmless. */
    public Uni<Void> complete(UUID attemptId, long fencingToken, AttemptResults.Result result) {
        return complete(attemptId, fencingToken, result, LogTail.NONE);
    }

    /**
     * Stores the log's last bytes, then ends the attempt, in one transaction; repeating the report of an attempt
     * that already ended this way is harmless (its tail was stored with it).
     */
    public Uni<Void> complete(UUID attemptId, long fencingToken, AttemptResults.Result result, LogTail tail) {
        if (!List.of(JobStatuses.SUCCESS, JobStatuses.FAILED, JobStatuses.CANCELED).contains(result.outcome())) {
            return Uni.createFrom().failure(DomainException.invalid("outcome is success, failed or canceled"));
        }
        if (tail.data().length > LogTail.MAX_BYTES || tail.offset() < 0) {
            return Uni.createFrom().failure(DomainException.invalid("a log tail holds at most " + LogTail.MAX_BYTES
                    + " bytes at a non-negative offset; send more with AppendLog"));
        }
        // The pipeline and resource group the finished job held, to offer the group to waiting runs.
        AtomicReference<ResourceHandover.Group> freed = new AtomicReference<>();
        return Panache.withSession(() -> JobAttempt.<JobAttempt>findById(attemptId)).flatMap(found -> {
            if (found == null) {
                throw DomainException.notFound("no job attempt " + attemptId);
            }
            return outbox.inTransaction(() -> PipelineRun.lock(found.runId).flatMap(run -> JobAttempt.lock(attemptId)
                    .flatMap(attempt -> {
                        // The same report again (its answer was lost) changes nothing; any other report on an
                        // ended attempt comes from a runner that lost it and is refused below.
                        if (!attempt.isActive() && fencingToken == orZero(attempt.fencingToken)
                                && isSameReport(attempt, result)) {
                            return Uni.createFrom().item((RunAdvancer.Advanced) null);
                        }
                        requireHeld(attempt, fencingToken);
                        Uni<Void> logged = tail.data().length == 0 ? Uni.createFrom().voidItem()
                                : logs.append(attempt, tail.offset(), tail.data());
                        return logged.flatMap(ignored -> RunJob.<RunJob>findById(attempt.jobId)).flatMap(job -> {
                            freed.set(job.resourceGroup == null ? null
                                    : new ResourceHandover.Group(run.pipelineName, job.resourceGroup));
                            return results.finish(run, job, attempt, result, Instant.now());
                        });
                    })));
        }).onFailure(Retries::isTransient).retry().atMost(3)
                .invoke(advanced -> {
                    signals.logsChanged();
                    if (advanced != null && advanced.queued()) {
                        signals.jobsChanged();
                    }
                }).call(advanced -> advanced == null || freed.get() == null ? Uni.createFrom().voidItem()
                        : handover.offer(freed.get()).onFailure().recoverWithNull())
                .replaceWithVoid();
    }

    private static boolean isSameReport(JobAttempt attempt, AttemptResults.Result result) {
        String reason = JobStatuses.FAILED.equals(result.outcome()) ? result.failureReason() : null;
        return result.outcome().equals(attempt.status) && attempt.exitCode != null
                && attempt.exitCode == result.exitCode() && java.util.Objects.equals(reason, attempt.failureReason);
    }

    private static Uni<JobAttempt> held(UUID attemptId, long fencingToken) {
        // Locked: a renewal or log send must not write back a stale copy over a cancel made meanwhile.
        return JobAttempt.lock(attemptId).map(attempt -> {
            if (attempt == null) {
                throw DomainException.notFound("no job attempt " + attemptId);
            }
            requireHeld(attempt, fencingToken);
            return attempt;
        });
    }

    public static void requireHeld(JobAttempt attempt, long fencingToken) {
        if (!JobAttempt.RUNNING.equals(attempt.status) || fencingToken != orZero(attempt.fencingToken)) {
            throw DomainException.failedPrecondition("job attempt " + attempt.id + " is no longer held with fencing "
                    + "token " + fencingToken + " (it is " + attempt.status + "): stop running it");
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
