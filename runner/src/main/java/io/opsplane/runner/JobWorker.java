package io.opsplane.runner;

import io.grpc.StatusRuntimeException;
import io.opsplane.platform.masking.Masker;
import io.opsplane.proto.pipeline.v1.CompleteJobRequest;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.opsplane.proto.pipeline.v1.RenewLeaseRequest;
import io.opsplane.proto.pipeline.v1.RenewLeaseResponse;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.RunnerServiceBlockingStub;
import io.opsplane.runner.executor.ExecutionResult;
import io.opsplane.runner.executor.JobExecution;
import io.opsplane.runner.executor.JobExecutor;
import io.opsplane.runner.executor.Outcome;
import io.opsplane.runner.executor.ResourceLimits;
import io.opsplane.runner.executor.RunningJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one acquired job: a fresh workspace, the executor, the log shipped as it comes, the lease renewed
 * until the end (a cancel seen on a renewal or a log send stops the job), then the result, which is sent
 * until pipeline-service has it.
 */
final class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);
    private static final Duration REPORT_FOR = Duration.ofMinutes(30);
    private static final Duration CHECKOUT_FOR = Duration.ofMinutes(10);

    private final RunnerServiceBlockingStub runners;
    private final JobExecutor executor;
    private final RunnerConfig config;
    private final Duration heartbeat;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService heartbeats;
    private final ArtifactTransfer artifacts;

    JobWorker(RunnerServiceBlockingStub runners, JobExecutor executor, RunnerConfig config, Duration heartbeat,
            ScheduledExecutorService timers, ScheduledExecutorService heartbeats, ArtifactTransfer artifacts) {
        this.heartbeats = heartbeats;
        this.artifacts = artifacts;
        this.runners = runners;
        this.executor = executor;
        this.config = config;
        this.heartbeat = heartbeat;
        this.timers = timers;
    }

    void run(JobAssignment job) {
        Path workspace = Path.of(config.buildsDir(), config.name(), job.getAttemptId()).toAbsolutePath();
        LogShipper log = new LogShipper(runners, job.getAttemptId(), job.getFencingToken(), masker(job));
        ExecutionResult result;
        try {
            Files.createDirectories(workspace);
            log.notice("Running job '" + job.getJobName() + "' (attempt " + job.getAttempt() + ") on runner "
                    + config.name() + " with the " + executor.name() + " executor");
            job.getNoticesList().forEach(log::notice);
            if (!job.getRepositoryUrl().isEmpty() && !job.getCommitSha().isEmpty()) {
                new Checkout(CHECKOUT_FOR).into(workspace, job.getRepositoryUrl(), job.getCommitSha(),
                        job.getVariablesMap().getOrDefault("CI_COMMIT_BRANCH", ""),
                        job.getVariablesMap().get(Checkout.CREDENTIALS), log::notice);
            }
            ExecutionResult refused = withLease(job, () -> artifacts.fetch(job, workspace, log));
            result = refused != null ? refused : execute(job, workspace, log);
            if (job.hasArtifacts() && !log.lost()) {
                ExecutionResult executed = result;
                result = withLease(job, () -> artifacts.upload(job, workspace, log, executed));
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "job attempt %s could not run", job.getAttemptId());
            log.notice("ERROR: the runner could not run this job: " + e.getMessage());
            result = new ExecutionResult(Outcome.SYSTEM_FAILURE, -1, Duration.ZERO, "runner_system_failure", false);
        } finally {
            removeQuietly(workspace);
        }
        LogShipper.Tail tail = log.finish();
        if (log.lost()) {
            LOG.warnf("job attempt %s is no longer this runner's: result not reported", job.getAttemptId());
            return;
        }
        report(job, result, tail);
    }

    private ExecutionResult execute(JobAssignment job, Path workspace, LogShipper log) throws IOException {
        Map<String, String> variables = new HashMap<>(job.getVariablesMap());
        // The repository's credentials served the checkout; the job's scripts do not get them.
        variables.remove(Checkout.CREDENTIALS);
        variables.put("CI_PROJECT_DIR", workspace.toString());
        variables.put("CI_BUILDS_DIR", workspace.getParent().toString());
        variables.put("CI_RUNNER_DESCRIPTION", config.name());
        variables.put("CI_RUNNER_EXECUTABLE_ARCH", "linux/" + System.getProperty("os.arch"));
        ResourceLimits limits = ResourceLimits.defaults().withMaxLogBytes(job.getMaxLogBytes() > 0
                ? job.getMaxLogBytes() : ResourceLimits.defaults().maxLogBytes())
                .withMemoryBytes(config.memoryLimitBytes()).withCpuSeconds(config.cpuLimitSeconds());
        JobExecution execution = JobExecution.builder(job.getAttemptId(), workspace)
                .beforeScript(job.getBeforeScriptList()).script(job.getScriptList())
                .afterScript(job.getAfterScriptList()).variables(variables)
                .timeout(Duration.ofSeconds(job.getTimeoutSeconds() > 0 ? job.getTimeoutSeconds() : 3600))
                .gracePeriod(config.gracePeriod()).network(job.getNetwork()).limits(limits).build();
        RunningJob running = executor.start(execution, log);
        var flusher = timers.scheduleWithFixedDelay(() -> {
            try {
                log.flush();
                if (log.cancelRequested() || log.lost()) {
                    running.cancel();
                }
            } catch (RuntimeException e) {
                LOG.warnf("sending the log of %s failed: %s", job.getAttemptId(), e.getMessage());
            }
        }, config.logFlushInterval().toMillis(), config.logFlushInterval().toMillis(), TimeUnit.MILLISECONDS);
        var renewer = heartbeats.scheduleWithFixedDelay(() -> renew(job, running), heartbeat.toMillis(),
                heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return running.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel();
            return running.result().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            flusher.cancel(false);
            renewer.cancel(false);
        }
    }

    private interface Transfer {
        ExecutionResult run() throws IOException;
    }

    /** Keeps the lease (and the log) going while artifacts move, outside the executor's run. */
    private ExecutionResult withLease(JobAssignment job, Transfer transfer) throws IOException {
        var renewer = heartbeats.scheduleWithFixedDelay(() -> {
            try {
                runners.withDeadlineAfter(renewalDeadline(), TimeUnit.MILLISECONDS).renewLease(RenewLeaseRequest.newBuilder()
                        .setAttemptId(job.getAttemptId()).setFencingToken(job.getFencingToken()).build());
            } catch (StatusRuntimeException e) {
                LOG.debugf("renewing the lease of %s failed: %s", job.getAttemptId(), e.getStatus());
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return transfer.run();
        } finally {
            renewer.cancel(false);
        }
    }

    /** A renewal that takes longer than a heartbeat is abandoned so the next one is not delayed behind it. */
    private long renewalDeadline() {
        return Math.max(1_000, heartbeat.toMillis());
    }

    private void renew(JobAssignment job, RunningJob running) {
        try {
            RenewLeaseResponse response = runners.withDeadlineAfter(renewalDeadline(), TimeUnit.MILLISECONDS).renewLease(
                    RenewLeaseRequest.newBuilder().setAttemptId(job.getAttemptId())
                            .setFencingToken(job.getFencingToken()).build());
            if (response.getCancelRequested()) {
                running.cancel();
            }
        } catch (StatusRuntimeException e) {
            if (RetryingCalls.isLost(e)) {
                LOG.warnf("job attempt %s: lease lost (%s), stopping it", job.getAttemptId(), e.getStatus());
                running.cancel();
            } else {
                LOG.debugf("renewing the lease of %s failed, next heartbeat tries again: %s", job.getAttemptId(),
                        e.getStatus());
            }
        }
    }

    private void report(JobAssignment job, ExecutionResult result, LogShipper.Tail tail) {
        String outcome = switch (result.outcome()) {
            case SUCCESS -> "success";
            case CANCELED -> "canceled";
            default -> "failed";
        };
        CompleteJobRequest request = CompleteJobRequest.newBuilder().setAttemptId(job.getAttemptId())
                .setFencingToken(job.getFencingToken()).setOutcome(outcome).setExitCode(result.exitCode())
                .setFailureReason(result.failureReason() == null ? "" : result.failureReason())
                .setDurationMillis(result.duration().toMillis()).setLogTruncated(result.logTruncated())
                .setLogOffset(tail.offset()).setLogTail(com.google.protobuf.ByteString.copyFrom(tail.data())).build();
        try {
            RetryingCalls.call(() -> runners.completeJob(request), REPORT_FOR);
        } catch (StatusRuntimeException e) {
            LOG.errorf("the result of job attempt %s could not be reported: %s", job.getAttemptId(), e.getStatus());
        }
    }

    private static Masker masker(JobAssignment job) {
        List<String> secrets = new ArrayList<>();
        for (String name : job.getMaskedVariablesList()) {
            String value = job.getVariablesMap().get(name);
            if (value != null && !value.isEmpty()) {
                secrets.add(value);
            }
        }
        return Masker.of(secrets);
    }

    private static void removeQuietly(Path workspace) {
        if (!Files.exists(workspace)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workspace)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("could not remove workspace %s: %s", workspace, e.getMessage());
        }
    }
}
