package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.process.LogRotation;
import io.opsplane.deploy.process.LogTail;
import io.opsplane.deploy.process.LoopbackPorts;
import io.opsplane.deploy.process.ProcessLiveness;
import io.opsplane.deploy.process.ProcessStopper;
import io.opsplane.deploy.validation.InvalidFieldException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs application instances as processes on this machine: each on a loopback port handed in as
 * {@code PORT}, its output appended to {@code <logFolder>/<name>.log} (rotated near the spec's
 * limit), ready once its health endpoint answers 2xx. Every exit, requested or not, goes to the
 * listener.
 *
 * <p>The output goes to the file, not through a pipe to this JVM, so instances keep running and
 * writing when deploy-service stops; {@link #close()} therefore leaves them running, and a new
 * runner {@linkplain #adopt adopts} them by pid and start time. Restarting crashed instances is the
 * job of the supervisor above this class.
 */
public final class LocalInstanceRunner implements AutoCloseable {

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final int LOG_TAIL_BYTES = 2000;
    private static final long ROTATION_CHECK_MILLIS = 1000;
    /** How often an adopted process, which is not our child and sends no exit notice, is looked at. */
    private static final long ADOPTED_CHECK_MILLIS = 200;
    private static final System.Logger LOG = System.getLogger(LocalInstanceRunner.class.getName());

    private final Path logFolder;
    private final InstanceExitListener listener;
    private final HttpReadiness readiness;
    private final Map<String, LogRotation> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    public LocalInstanceRunner(Path logFolder, InstanceExitListener listener) {
        this.logFolder = logFolder;
        this.listener = listener;
        this.readiness = new HttpReadiness(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-instances");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::rotateLogs, ROTATION_CHECK_MILLIS, ROTATION_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts the instance on a free loopback port; see {@link #start(InstanceSpec, int)}. */
    public RunningInstance start(InstanceSpec spec) {
        return start(spec, LoopbackPorts.free());
    }

    /**
     * Starts the instance on the given port (a restart keeps its port, so the load balancer's server
     * stays valid) and waits until it is ready. On failure nothing of it is left running.
     *
     * @throws InstanceStartException when it cannot start, exits early or is not ready in time
     */
    public RunningInstance start(InstanceSpec spec, int port) {
        InvalidFieldException.requireRange("port", port, 1, 65535);
        Path log = logFolder.resolve(spec.name() + ".log");
        LogRotation logRotation = claim(spec, log);
        try {
            appendNote(log, "starting " + spec.name() + " on port " + port + ": " + String.join(" ", spec.command()));
            Process process = launch(spec, port, log);
            awaitReady(spec, process.toHandle(), () -> "exited with code " + exitCode(process), port, log);
            RunningInstance instance = new RunningInstance(spec, process.toHandle(),
                    process.info().startInstant().orElse(Instant.now()), port, log);
            // Registered after readiness: an earlier exit is a failed start, reported by the exception.
            process.onExit().thenAccept(ended -> report(instance.ended(ended.exitValue()), logRotation));
            return instance;
        } catch (RuntimeException e) {
            running.remove(spec.name(), logRotation);
            throw e;
        }
    }

    /**
     * Takes over an instance that a previous runner started (before deploy-service restarted): the
     * process must still be the one with this pid and start time, and answer its health check.
     *
     * @return empty when that process no longer runs
     * @throws InstanceStartException when it runs but is not ready in time; it is stopped then
     */
    public Optional<RunningInstance> adopt(InstanceSpec spec, long pid, Instant startedAt, int port) {
        Optional<ProcessHandle> found = ProcessLiveness.find(pid, startedAt);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle process = found.get();
        Path log = logFolder.resolve(spec.name() + ".log");
        LogRotation logRotation = claim(spec, log);
        try {
            awaitReady(spec, process, () -> "ended", port, log);
            RunningInstance instance = new RunningInstance(spec, process, startedAt, port, log);
            appendNote(log, "adopted " + spec.name() + " (pid " + pid + ") on port " + port);
            watchAdopted(instance, process, logRotation);
            return Optional.of(instance);
        } catch (RuntimeException e) {
            running.remove(spec.name(), logRotation);
            throw e;
        }
    }

    /** Stops watching logs and adopted processes. Instances keep running: they outlive the process that started them. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private LogRotation claim(InstanceSpec spec, Path log) {
        LogRotation logRotation = new LogRotation(log, spec.maxLogBytes());
        if (running.putIfAbsent(spec.name(), logRotation) != null) {
            throw new InstanceStartException("an instance named " + spec.name() + " is already running");
        }
        return logRotation;
    }

    private Process launch(InstanceSpec spec, int port, Path log) {
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", DEFAULT_PATH);
        environment.putAll(spec.environment());
        environment.put(InstanceSpec.PORT_VARIABLE, Integer.toString(port));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new InstanceStartException("instance " + spec.name() + " could not be started: " + e.getMessage(), e);
        }
    }

    private void awaitReady(InstanceSpec spec, ProcessHandle process, Supplier<String> howItEnded, int port, Path log) {
        String problem;
        try {
            problem = readiness.await(process, howItEnded, port, spec.healthPath(), spec.readyTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessStopper.stop(process, Duration.ofSeconds(2));
            throw new InstanceStartException("interrupted while waiting for " + spec.name() + " to be ready", e);
        }
        if (problem != null) {
            ProcessStopper.stop(process, Duration.ofSeconds(2));
            throw new InstanceStartException("instance " + spec.name() + " (pid " + process.pid() + ", port " + port + ") "
                    + problem + "; its log " + log + " ends with:\n" + LogTail.read(log, LOG_TAIL_BYTES));
        }
    }

    private void watchAdopted(RunningInstance instance, ProcessHandle process, LogRotation logRotation) {
        Runnable check = () -> {
            synchronized (instance) {
                if (!ProcessLiveness.isRunning(process) && !instance.exit().isDone()) {
                    report(instance.ended(InstanceExit.UNKNOWN_EXIT_CODE), logRotation);
                }
            }
        };
        instance.checkEndAfterStop(check);
        AtomicReference<ScheduledFuture<?>> watch = new AtomicReference<>();
        watch.set(scheduler.scheduleWithFixedDelay(() -> {
            check.run();
            ScheduledFuture<?> self = watch.get();
            if (instance.exit().isDone() && self != null) {
                self.cancel(false);
            }
        }, ADOPTED_CHECK_MILLIS, ADOPTED_CHECK_MILLIS, TimeUnit.MILLISECONDS));
    }

    private void report(InstanceExit exit, LogRotation logRotation) {
        // Removes this instance's entry only, never that of a successor started under the same name.
        running.remove(exit.name(), logRotation);
        try {
            listener.exited(exit);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the exit listener failed on " + exit, e);
        }
    }

    private void rotateLogs() {
        for (LogRotation log : running.values()) {
            try {
                log.rotateIfOver();
            } catch (UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage(), e);
            }
        }
    }

    private void appendNote(Path log, String note) {
        try {
            Files.createDirectories(logFolder);
            Files.writeString(log, "--- " + Instant.now() + " " + note + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log at " + log, e);
        }
    }

    private static int exitCode(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InstanceExit.UNKNOWN_EXIT_CODE;
        }
    }
}
