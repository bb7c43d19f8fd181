package io.opsplane.runner.executor;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started job. A thread of its own runs the phases one after the other and completes the result. That
 * thread also starts every process of the job and lives until they have ended, because the parent-death
 * signal the confinement relies on (setpriv --pdeathsig, bwrap --die-with-parent) fires when the
 * <em>thread</em> that started the process ends, not only when the JVM does.
 */
final class ProcessJob implements RunningJob {

    /** How long to wait for the output to end once the job's processes are gone (a stray holder of the pipe). */
    private static final Duration OUTPUT_END = Duration.ofSeconds(5);
    /** How long the kernel may take to end a PID namespace after its first process got SIGKILL. */
    private static final Duration NAMESPACE_END = Duration.ofSeconds(10);
    /** unshare: init.sh is its child; bwrap: the grandchild, under bwrap's own init. */
    private static final int INIT_MAX_DEPTH = 2;

    private enum Ending { EXITED, TIMED_OUT, CANCELED }

    private record PhaseEnd(Outcome outcome, int exitCode) {
    }

    private final JobExecution execution;
    private final JobFiles files;
    private final PhaseLauncher launcher;
    private final BoundedLog log;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> cancelRequest = new CompletableFuture<>();
    private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();

    private ProcessJob(JobExecution execution, JobFiles files, PhaseLauncher launcher, BoundedLog log) {
        this.execution = execution;
        this.files = files;
        this.launcher = launcher;
        this.log = log;
    }

    static RunningJob start(JobExecution execution, JobFiles files, PhaseLauncher launcher, LogSink sink) {
        ProcessJob job = new ProcessJob(execution, files, launcher,
                new BoundedLog(sink, execution.limits().maxLogBytes()));
        // A daemon: a JVM that exits does not wait for jobs, and its death takes their processes with it.
        Thread thread = new Thread(job::run, "opsplane-job-" + execution.jobId());
        thread.setDaemon(true);
        thread.start();
        return job;
    }

    @Override
    public void cancel() {
        cancelRequest.complete(null);
    }

    @Override
    public CompletableFuture<ExecutionResult> result() {
        return result;
    }

    private void run() {
        ExecutionResult ending;
        try {
            ending = runPhases();
        } catch (IOException | RuntimeException e) {
            log.note("ERROR: the runner could not run the job: " + e);
            ending = ended(new PhaseEnd(Outcome.SYSTEM_FAILURE, -1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = ended(new PhaseEnd(Outcome.SYSTEM_FAILURE, -1));
        } finally {
            log.close();
            files.delete();
        }
        result.complete(ending);
    }

    private ExecutionResult runPhases() throws IOException, InterruptedException {
        PhaseEnd script = runPhase(Phase.SCRIPT, execution.timeout(), Map.of());
        // GitLab runs after_script after a failure or a timeout too; after a cancel it is skipped.
        if (!execution.afterScript().isEmpty() && !cancelRequest.isDone()
                && List.of(Outcome.SUCCESS, Outcome.FAILED, Outcome.TIMED_OUT).contains(script.outcome())) {
            log.note("Running after_script");
            String jobStatus = script.outcome() == Outcome.SUCCESS ? "success" : "failed";
            try {
                runPhase(Phase.AFTER_SCRIPT, execution.afterScriptTimeout(), Map.of("CI_JOB_STATUS", jobStatus));
            } catch (IOException | RuntimeException e) {
                log.note("WARNING: after_script could not run: " + e);
            }
        }
        return ended(script);
    }

    private ExecutionResult ended(PhaseEnd script) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        return new ExecutionResult(script.outcome(), script.exitCode(), duration,
                ExecutionResult.failureReasonOf(script.outcome()), log.truncated());
    }

    private PhaseEnd runPhase(Phase phase, Duration timeout, Map<String, String> runnerVariables)
            throws IOException, InterruptedException {
        if (cancelRequest.isDone()) {
            return new PhaseEnd(Outcome.CANCELED, -1);
        }
        Process process = launcher.processFor(phase, runnerVariables).start();
        OutputPump output = OutputPump.start(process.getInputStream(), log,
                "opsplane-job-" + execution.jobId() + "-" + phase.label);
        Ending ending = awaitExit(process, timeout);
        if (ending == Ending.TIMED_OUT) {
            log.note("ERROR: " + phase.label + " exceeded its timeout of " + seconds(timeout) + " s");
        } else if (ending == Ending.CANCELED) {
            log.note("Canceling the job");
        }
        if (ending != Ending.EXITED) {
            terminate(process);
        }
        int wrapperExitCode = process.waitFor();
        if (!output.awaitEnd(OUTPUT_END)) {
            log.note("WARNING: a process outside the job still holds its output; the rest is not kept");
        }
        OptionalInt status = files.exitStatus(phase);
        Outcome outcome = switch (ending) {
            case TIMED_OUT -> Outcome.TIMED_OUT;
            case CANCELED -> Outcome.CANCELED;
            case EXITED -> status.isEmpty() ? Outcome.SYSTEM_FAILURE
                    : status.getAsInt() == 0 ? Outcome.SUCCESS : Outcome.FAILED;
        };
        if (outcome == Outcome.SYSTEM_FAILURE) {
            log.note("ERROR: the job's confinement ended with exit code " + wrapperExitCode + " before "
                    + phase.label + " ran");
        }
        return new PhaseEnd(outcome, status.orElse(wrapperExitCode));
    }

    private Ending awaitExit(Process process, Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.anyOf(process.onExit(), cancelRequest).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Ending.TIMED_OUT;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the job's process failed", e.getCause());
        }
        return process.isAlive() ? Ending.CANCELED : Ending.EXITED;
    }

    /**
     * SIGTERM to init.sh, which passes it to every process of the job's PID namespace; after the grace
     * period SIGKILL to the confinement's outer process, whose death takes the namespace down
     * (unshare --kill-child, bwrap --die-with-parent). Returns once no process of the job is left.
     */
    private void terminate(Process process) throws InterruptedException {
        ProcessHandle wrapper = process.toHandle();
        String initScript = launcher.initScript();
        ProcessTree.findDescendant(wrapper, arguments -> InnerCommand.runsInit(arguments, initScript), INIT_MAX_DEPTH)
                .ifPresent(ProcessHandle::destroy);
        if (process.waitFor(execution.gracePeriod().toNanos(), TimeUnit.NANOSECONDS)) {
            return;
        }
        // The wrapper's child is the namespace's first process; it outlives the wrapper by a moment.
        List<ProcessHandle> namespaceInits = wrapper.children().toList();
        process.destroyForcibly();
        process.waitFor();
        for (ProcessHandle namespaceInit : namespaceInits) {
            if (!ProcessTree.awaitEnd(namespaceInit, NAMESPACE_END)) {
                log.note("WARNING: processes of the job still ran " + seconds(NAMESPACE_END) + " s after SIGKILL");
            }
        }
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
