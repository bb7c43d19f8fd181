package io.opsplane.deploy.traffic.haproxy;

import io.opsplane.deploy.process.LogTail;
import io.opsplane.deploy.process.ProcessStopper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HAProxy that Opsplane starts itself, never through the distribution's service scripts: a
 * child process in master-worker mode ({@code -W}, in the foreground), with its configuration,
 * admin socket and log in a state folder of its own.
 */
public final class HaproxyProcess implements AutoCloseable {

    public static final String CONFIG_FILE = "haproxy.cfg";
    public static final String SOCKET_FILE = "admin.sock";
    public static final String LOG_FILE = "haproxy.log";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;
    private static final int LOG_TAIL_BYTES = 2000;

    private final Process process;
    private final HaproxyRuntimeApi runtimeApi;
    private final Path log;

    private HaproxyProcess(Process process, HaproxyRuntimeApi runtimeApi, Path log) {
        this.process = process;
        this.runtimeApi = runtimeApi;
        this.log = log;
    }

    /**
     * Writes the configuration into {@code stateFolder}, starts HAProxy and returns once its runtime
     * API answers.
     *
     * @throws HaproxyStartException when it exits, or does not answer within {@code startTimeout}
     */
    public static HaproxyProcess start(Path executable, Path stateFolder, List<HaproxyRoute> routes, Duration startTimeout) {
        Path socket = stateFolder.resolve(SOCKET_FILE);
        HaproxyRuntimeApi api = new HaproxyRuntimeApi(socket, COMMAND_TIMEOUT);
        Path config = stateFolder.resolve(CONFIG_FILE);
        Path log = stateFolder.resolve(LOG_FILE);
        Process process;
        try {
            Files.createDirectories(stateFolder);
            refuseIfAnswering(api);
            Files.writeString(config, HaproxyConfig.render(socket, routes));
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-W", "-f", config.toString())
                    .directory(stateFolder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + executable + " in " + stateFolder + " failed", e);
        }
        HaproxyProcess haproxy = new HaproxyProcess(process, api, log);
        haproxy.awaitRuntimeApi(startTimeout);
        return haproxy;
    }

    public HaproxyRuntimeApi runtimeApi() {
        return runtimeApi;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * SIGTERM to the master and its workers (they close their listeners and end their connections),
     * SIGKILL after {@code grace}.
     */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            ProcessStopper.stop(process.toHandle(), grace);
        }
        try {
            // The stopper counts a process as ended once it is a zombie; wait until the JDK has reaped it.
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void awaitRuntimeApi(Duration startTimeout) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String lastProblem = "its admin socket never appeared";
        while (true) {
            if (!process.isAlive()) {
                throw new HaproxyStartException("haproxy exited with code " + process.exitValue()
                        + " while starting; its log ends with:\n" + LogTail.read(log, LOG_TAIL_BYTES));
            }
            if (Files.exists(runtimeApi.socket())) {
                try {
                    runtimeApi.execute("show info");
                    return;
                } catch (UncheckedIOException e) {
                    lastProblem = e.getMessage();
                }
            }
            if (System.nanoTime() - deadline > 0) {
                stop(Duration.ofSeconds(2));
                throw new HaproxyStartException("haproxy did not answer on " + runtimeApi.socket() + " within "
                        + startTimeout.toMillis() + " ms (" + lastProblem + "); its log ends with:\n"
                        + LogTail.read(log, LOG_TAIL_BYTES));
            }
            sleep();
        }
    }

    /** A second HAProxy on the same state folder would take over the socket of the first one. */
    private static void refuseIfAnswering(HaproxyRuntimeApi api) {
        if (!Files.exists(api.socket())) {
            return;
        }
        try {
            api.execute("show info");
        } catch (UncheckedIOException stale) {
            return;
        }
        throw new HaproxyStartException("an HAProxy already answers on " + api.socket() + "; stop it first");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaproxyStartException("interrupted while waiting for haproxy to start");
        }
    }
}
