package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.process.ProcessLiveness;
import io.opsplane.deploy.process.ProcessStopper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A started or adopted instance that was ready. Its pid and start time identify it on this machine
 * (a pid alone can be reused); a restarted deploy-service adopts it again with them.
 */
public final class RunningInstance {

    private final InstanceSpec spec;
    private final ProcessHandle process;
    private final int port;
    private final Path log;
    private final Instant startedAt;
    private final CompletableFuture<InstanceExit> exit = new CompletableFuture<>();
    private volatile boolean stopRequested;
    private volatile Runnable endedCheck = () -> { };

    RunningInstance(InstanceSpec spec, ProcessHandle process, Instant startedAt, int port, Path log) {
        this.spec = spec;
        this.process = process;
        this.startedAt = startedAt;
        this.port = port;
        this.log = log;
    }

    public String name() {
        return spec.name();
    }

    public InstanceSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return ProcessLiveness.isRunning(process);
    }

    /** Completes when the process has ended, for whatever reason. */
    public CompletableFuture<InstanceExit> exit() {
        return exit;
    }

    /**
     * SIGTERM to the instance and its child processes, SIGKILL to whatever still runs after the
     * spec's grace period; returns once its end has been reported.
     */
    public InstanceExit stop() {
        stopRequested = true;
        ProcessStopper.stop(process, spec.stopGrace());
        endedCheck.run();
        try {
            return exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("stopping " + name() + " failed", e.getCause());
        }
    }

    /** For an adopted process, whose end nothing announces: reports it at once after a stop. */
    void checkEndAfterStop(Runnable check) {
        this.endedCheck = check;
    }

    InstanceExit ended(int exitCode) {
        InstanceExit ended = new InstanceExit(name(), pid(), exitCode, stopRequested);
        exit.complete(ended);
        return exit.join();
    }
}
