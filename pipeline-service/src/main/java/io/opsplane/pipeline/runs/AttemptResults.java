package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.scheduling.FailureReason;
import io.opsplane.pipeline.scheduling.RetryDecision;
import io.opsplane.pipeline.scheduling.RetryPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Ends an attempt (reported by its runner, or found with an expired lease) and decides what follows for its
 * job: another attempt when {@code retry} covers the failure, otherwise the job's final status, and then the
 * run moves on. The caller holds the run's lock and the attempt's.
 */
@ApplicationScoped
public class AttemptResults {

    @Inject
    RunAdvancer advancer;

    @Inject
    RunEvents events;

    /** The outcome of an attempt, as a runner reports it. */
    public record Result(String outcome, int exitCode, String failureReason, boolean logTruncated) {

        static Result runnerLost(boolean canceled) {
            return canceled ? new Result(JobStatuses.CANCELED, -1, "", false)
                    : new Result(JobStatuses.FAILED, -1, FailureReason.RUNNER_SYSTEM_FAILURE.yamlName(), false);
        }
    }

    Uni<RunAdvancer.Advanced> finish(PipelineRun run, RunJob job, JobAttempt attempt, Result result, Instant now) {
        attempt.status = result.outcome();
        attempt.exitCode = result.exitCode();
        attempt.failureReason = JobStatuses.FAILED.equals(result.outcome()) ? result.failureReason() : null;
        attempt.finishedAt = now;
        attempt.leaseExpiresAt = null;
        attempt.logTruncated = attempt.logTruncated || result.logTruncated();
        boolean retry = JobStatuses.FAILED.equals(result.outcome()) && shouldRetry(job, result);
        job.failureAllowed = JobStatuses.FAILED.equals(result.outcome()) && !retry && allows(job, result.exitCode());
        job.status = retry ? JobStatuses.PENDING : result.outcome();
        Uni<Void> next = retry ? advancer.queue(run, job, now) : Uni.createFrom().voidItem();
        return events.jobCompleted(run, job, attempt, retry).call(() -> next)
                .flatMap(ignored -> advancer.advance(run, now))
                .map(advanced -> retry ? new RunAdvancer.Advanced(advanced.run(), true) : advanced);
    }

    private static boolean shouldRetry(RunJob job, Result result) {
        FailureReason reason = FailureReason.fromYamlName(result.failureReason()).orElse(FailureReason.UNKNOWN_FAILURE);
        OptionalInt exitCode = result.exitCode() >= 0 ? OptionalInt.of(result.exitCode()) : OptionalInt.empty();
        RetryPolicy policy = RetryPolicy.of(job.retryMax, csv(job.retryWhen), integers(job.retryExitCodes));
        return RetryDecision.decide(policy, reason, exitCode, job.attempts - 1).retry();
    }

    private static boolean allows(RunJob job, int exitCode) {
        return job.allowFailure || integers(job.allowExitCodes).contains(exitCode);
    }

    private static List<String> csv(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.split(","));
    }

    private static List<Integer> integers(String stored) {
        return csv(stored).stream().map(Integer::valueOf).toList();
    }
}
