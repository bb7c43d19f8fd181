package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.process.ProcessStopper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A started, ready instance process. Its pid and start time identify it on this machine (a pid
 * alone can be reused), which is what a restarted deploy-service needs to find it again.
 */
public final class RunningInstance {

    private final InstanceSpec spec;
    private final Process process;
    private final int port;
    private final Path log;
    private final Instant startedAt;
    private final CompletableFuture<InstanceExit> exit = new CompletableFuture<>();
    private volatile boolean stopRequested;

    RunningInstance(InstanceSpec spec, Process process, int port, Path log) {
        this.spec = spec;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedAt = process.info().startInstant().orElse(Instant.now());
    }

    public String name() {
        return spec.name();
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
        return process.isAlive();
    }

    /** Completes when the process has ended, for whatever reason. */
    public CompletableFuture<InstanceExit> exit() {
        return exit;
    }

    /**
     * SIGTERM to the instance and its child processes, SIGKILL to whatever still runs after the
     * spec's grace period; returns once it has ended.
     */
    public InstanceExit stop() {
        stopRequested = true;
        ProcessStopper.stop(process.toHandle(), spec.stopGrace());
        try {
            return exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("stopping " + name() + " failed", e.getCause());
        }
    }

    InstanceExit ended(int exitCode) {
        InstanceExit ended = new InstanceExit(name(), pid(), exitCode, stopRequested);
        exit.complete(ended);
        return ended;
    }
}
