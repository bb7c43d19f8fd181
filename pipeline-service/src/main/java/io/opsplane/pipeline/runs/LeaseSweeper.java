package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.opsplane.platform.timing.Ticker;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The timers of runs: an attempt whose runner stopped renewing its lease fails with runner_system_failure
 * (or ends canceled when a cancel was asked), and delayed jobs whose time has come are queued. Any instance
 * may do it: each step locks the run, and a second instance finding the work done does nothing.
 */
@ApplicationScoped
public class LeaseSweeper {

    private static final Logger LOG = Logger.getLogger(LeaseSweeper.class);
    private static final int BATCH = 50;

    @Inject
    RunnerLease lease;

    @Inject
    Outbox outbox;

    @Inject
    AttemptResults results;

    @Inject
    RunAdvancer advancer;

    @Inject
    JobSignals signals;

    @ConfigProperty(name = "opsplane.pipeline.sweeper.enabled", defaultValue = "true")
    boolean enabled;

    private Ticker ticker;
    private volatile boolean leasesExtended;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        ticker = Ticker.start("lease-sweeper", lease.sweepInterval(), this::tick,
                e -> LOG.warnf("sweeping leases and delayed jobs failed, trying again: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    private void tick() throws Throwable {
        if (!leasesExtended) {
            // Runners could not renew while this service was down: give every held lease a full term again
            // rather than failing jobs that are running fine.
            VertxContextSupport.subscribeAndAwait(this::extendLeases);
            leasesExtended = true;
        }
        VertxContextSupport.subscribeAndAwait(this::sweepOnce);
    }

    private Uni<Integer> extendLeases() {
        Instant until = Instant.now().plus(lease.lease());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE job_attempt SET lease_expires_at = GREATEST(lease_expires_at, :until) WHERE status = 'running'")
                .setParameter("until", JobQueue.utc(until)).executeUpdate()));
    }

    /** One pass; visible for tests, which call it instead of waiting for the timer. */
    public Uni<Void> sweepOnce() {
        Instant now = Instant.now();
        return expired(now).flatMap(attempts -> each(attempts, attempt -> expire(attempt, now)))
                .flatMap(ignored -> dueRuns(now)).flatMap(runs -> each(runs, run -> queueDue(run, now)));
    }

    private Uni<List<JobAttempt>> expired(Instant now) {
        return Panache.withSession(() -> JobAttempt.<JobAttempt>find(
                "status = 'running' and leaseExpiresAt < ?1 order by leaseExpiresAt", now).page(0, BATCH).list());
    }

    private Uni<Void> expire(JobAttempt stale, Instant now) {
        return outbox.inTransaction(() -> PipelineRun.lock(stale.runId).flatMap(run -> JobAttempt.lock(stale.id)
                .flatMap(attempt -> {
                    if (!JobAttempt.RUNNING.equals(attempt.status) || !attempt.leaseExpiresAt.isBefore(now)) {
                        return Uni.createFrom().item((RunAdvancer.Advanced) null);
                    }
                    LOG.infof("job attempt %s: its runner %s stopped renewing the lease", attempt.id, attempt.runnerId);
                    return RunJob.<RunJob>findById(attempt.jobId).flatMap(job -> results.finish(run, job, attempt,
                            AttemptResults.Result.runnerLost(attempt.cancelRequested), now));
                }))).invoke(this::signal).replaceWithVoid();
    }

    /** Runs with a delayed job due, and runs waiting for a resource group that may have been freed meanwhile. */
    private Uni<List<UUID>> dueRuns(Instant now) {
        return Panache.withSession(() -> RunJob.due(now, BATCH).flatMap(due -> RunJob.runsWaitingForResource(null,
                null, BATCH).map(waiting -> java.util.stream.Stream.concat(due.stream().map(j -> j.runId),
                        waiting.stream()).distinct().toList())));
    }

    private Uni<Void> queueDue(UUID runId, Instant now) {
        return outbox.inTransaction(() -> PipelineRun.lock(runId).flatMap(run -> advancer.advance(run, now)))
                .invoke(this::signal).replaceWithVoid();
    }

    private void signal(RunAdvancer.Advanced advanced) {
        if (advanced != null && advanced.queued()) {
            signals.jobsChanged();
        }
        signals.logsChanged();
    }

    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> work) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.flatMap(ignored -> work.apply(item).onFailure().recoverWithItem(failure -> {
                LOG.warnf("sweep step failed, trying again next pass: %s", failure.getMessage());
                return null;
            }));
        }
        return chain;
    }
}
