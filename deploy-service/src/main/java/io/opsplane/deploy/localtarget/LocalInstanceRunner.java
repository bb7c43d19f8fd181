package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.process.LogRotation;
import io.opsplane.deploy.process.LogTail;
import io.opsplane.deploy.process.LoopbackPorts;
import io.opsplane.deploy.process.ProcessStopper;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs application instances as processes on this machine: each on a free loopback port handed in
 * as {@code PORT}, its output appended to {@code <logFolder>/<name>.log} (rotated near the spec's
 * limit), ready once its health endpoint answers 2xx. Every exit, requested or not, goes to the
 * listener.
 *
 * <p>The output goes to the file, not through a pipe to this JVM, so instances keep running and
 * writing when deploy-service stops; {@link #close()} therefore leaves them running. Restarting
 * crashed instances with back-off and finding running ones again after a restart belong to the
 * supervisor above this class.
 */
public final class LocalInstanceRunner implements AutoCloseable {

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final int LOG_TAIL_BYTES = 2000;
    private static final long ROTATION_CHECK_MILLIS = 1000;
    private static final System.Logger LOG = System.getLogger(LocalInstanceRunner.class.getName());

    private final Path logFolder;
    private final InstanceExitListener listener;
    private final HttpReadiness readiness;
    private final Map<String, LogRotation> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService rotation;

    public LocalInstanceRunner(Path logFolder, InstanceExitListener listener) {
        this.logFolder = logFolder;
        this.listener = listener;
        this.readiness = new HttpReadiness(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
        this.rotation = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "instance-log-rotation");
            thread.setDaemon(true);
            return thread;
        });
        rotation.scheduleWithFixedDelay(this::rotateLogs, ROTATION_CHECK_MILLIS, ROTATION_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the instance and waits until it is ready. On failure nothing of it is left running.
     *
     * @throws InstanceStartException when it cannot start, exits early or is not ready in time
     */
    public RunningInstance start(InstanceSpec spec) {
        Path log = logFolder.resolve(spec.name() + ".log");
        LogRotation logRotation = new LogRotation(log, spec.maxLogBytes());
        if (running.putIfAbsent(spec.name(), logRotation) != null) {
            throw new InstanceStartException("an instance named " + spec.name() + " is already running");
        }
        try {
            int port = LoopbackPorts.free();
            Process process = launch(spec, port, log);
            String problem = readiness.await(process, port, spec.healthPath(), spec.readyTimeout());
            if (problem != null) {
                ProcessStopper.stop(process.toHandle(), Duration.ofSeconds(2));
                throw new InstanceStartException("instance " + spec.name() + " (pid " + process.pid() + ", port " + port + ") "
                        + problem + "; its log " + log + " ends with:\n" + LogTail.read(log, LOG_TAIL_BYTES));
            }
            RunningInstance instance = new RunningInstance(spec, process, port, log);
            // Registered after readiness: an earlier exit is a failed start, reported by the exception above.
            process.onExit().thenAccept(ended -> report(instance.ended(ended.exitValue()), logRotation));
            return instance;
        } catch (InterruptedException e) {
            running.remove(spec.name(), logRotation);
            Thread.currentThread().interrupt();
            throw new InstanceStartException("interrupted while starting " + spec.name(), e);
        } catch (RuntimeException e) {
            running.remove(spec.name(), logRotation);
            throw e;
        }
    }

    /** Stops watching the logs. Instances keep running: they outlive the process that started them. */
    @Override
    public void close() {
        rotation.shutdownNow();
    }

    private Process launch(InstanceSpec spec, int port, Path log) {
        try {
            Files.createDirectories(logFolder);
            Files.writeString(log, "--- " + Instant.now() + " starting " + spec.name() + " on port " + port + ": "
                    + String.join(" ", spec.command()) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log of " + spec.name() + " at " + log, e);
        }
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
}
