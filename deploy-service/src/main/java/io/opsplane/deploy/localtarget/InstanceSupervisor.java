package io.opsplane.deploy.localtarget;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps instances running: a crashed one is restarted on the same port (so the load balancer's
 * server stays valid) after a back-off delay; one stopped through {@link #stop} stays stopped.
 * A restart that fails counts as one more crash in the row.
 */
public final class InstanceSupervisor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InstanceSupervisor.class.getName());

    private final LocalInstanceRunner runner;
    private final RestartBackoff backoff;
    private final SupervisorEvents events;
    private final ScheduledExecutorService restarts;
    /** Guarded by {@code this}: every supervised instance by name, whether running or waiting for a restart. */
    private final Map<String, Supervised> supervised = new HashMap<>();

    public InstanceSupervisor(Path logFolder, RestartBackoff backoff, SupervisorEvents events) {
        // Exits are taken from each instance's own future (see running), which also covers one that
        // ended before the supervisor recorded it.
        this.runner = new LocalInstanceRunner(logFolder, exit -> { });
        this.backoff = backoff;
        this.events = events;
        this.restarts = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "instance-restarts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the instance and keeps it running. */
    public RunningInstance run(InstanceSpec spec) {
        Supervised entry = reserve(spec);
        try {
            return running(entry, runner.start(spec), 0);
        } catch (RuntimeException e) {
            release(entry);
            throw e;
        }
    }

    /** Takes over an instance started before a restart (see {@link LocalInstanceRunner#adopt}) and keeps it running. */
    public Optional<RunningInstance> adopt(InstanceSpec spec, long pid, Instant startedAt, int port) {
        Supervised entry = reserve(spec);
        try {
            Optional<RunningInstance> adopted = runner.adopt(spec, pid, startedAt, port);
            if (adopted.isEmpty()) {
                release(entry);
                return adopted;
            }
            return Optional.of(running(entry, adopted.get(), 0));
        } catch (RuntimeException e) {
            release(entry);
            throw e;
        }
    }

    /** The running instance of that name; empty while it waits for a restart or when not supervised. */
    public synchronized Optional<RunningInstance> current(String name) {
        return Optional.ofNullable(supervised.get(name)).map(entry -> entry.instance);
    }

    /** Stops the instance without a restart; a restart that was waiting is cancelled. */
    public Optional<InstanceExit> stop(String name) {
        Supervised entry;
        synchronized (this) {
            entry = supervised.remove(name);
        }
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.pendingRestart != null) {
            entry.pendingRestart.cancel(false);
        }
        return entry.instance == null || !entry.instance.isAlive() ? Optional.empty() : Optional.of(entry.instance.stop());
    }

    /** Stops supervising; instances keep running, to be adopted by the next supervisor. */
    @Override
    public void close() {
        restarts.shutdownNow();
        runner.close();
    }

    private synchronized Supervised reserve(InstanceSpec spec) {
        Supervised entry = new Supervised(spec);
        if (supervised.putIfAbsent(spec.name(), entry) != null) {
            throw new InstanceStartException("an instance named " + spec.name() + " is already supervised");
        }
        return entry;
    }

    private synchronized void release(Supervised entry) {
        supervised.remove(entry.spec.name(), entry);
    }

    private RunningInstance running(Supervised entry, RunningInstance instance, int crashesInARow) {
        boolean stillSupervised;
        synchronized (this) {
            // Identity, not name: after a stop, a new instance of the same name has an entry of its own.
            stillSupervised = supervised.get(entry.spec.name()) == entry;
            if (stillSupervised) {
                entry.instance = instance;
                entry.runningSince = System.nanoTime();
                entry.crashesInARow = crashesInARow;
                entry.pendingRestart = null;
            }
        }
        if (!stillSupervised) {
            // Stopped while it was starting: it must not run unsupervised.
            instance.stop();
            return instance;
        }
        events.running(instance);
        instance.exit().thenAccept(exit -> exited(instance, exit));
        return instance;
    }

    private void exited(RunningInstance instance, InstanceExit exit) {
        if (exit.stopRequested()) {
            return;
        }
        int crashes;
        Duration delay;
        synchronized (this) {
            Supervised entry = supervised.get(exit.name());
            if (entry == null || entry.instance != instance) {
                return;
            }
            crashes = backoff.crashNumber(entry.crashesInARow, Duration.ofNanos(System.nanoTime() - entry.runningSince));
            delay = backoff.delay(crashes);
            entry.crashesInARow = crashes;
            entry.port = instance.port();
            entry.instance = null;
            entry.pendingRestart = schedule(entry, delay);
        }
        events.crashed(exit, crashes, delay);
    }

    private ScheduledFuture<?> schedule(Supervised entry, Duration delay) {
        return restarts.schedule(() -> restart(entry), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Supervised entry) {
        synchronized (this) {
            if (supervised.get(entry.spec.name()) != entry) {
                return;
            }
        }
        try {
            running(entry, runner.start(entry.spec, entry.port), entry.crashesInARow);
        } catch (RuntimeException e) {
            int crashes;
            Duration delay;
            synchronized (this) {
                if (supervised.get(entry.spec.name()) != entry) {
                    return;
                }
                crashes = entry.crashesInARow + 1;
                delay = backoff.delay(crashes);
                entry.crashesInARow = crashes;
                entry.pendingRestart = schedule(entry, delay);
            }
            LOG.log(System.Logger.Level.WARNING, "restarting " + entry.spec.name() + " failed: " + e.getMessage());
            events.restartFailed(entry.spec.name(), e.getMessage(), crashes, delay);
        }
    }

    /** One supervised instance; its fields are guarded by the supervisor. */
    private static final class Supervised {
        final InstanceSpec spec;
        RunningInstance instance;
        long runningSince;
        int crashesInARow;
        int port;
        ScheduledFuture<?> pendingRestart;

        Supervised(InstanceSpec spec) {
            this.spec = spec;
        }
    }
}
