package io.opsplane.deploy.controller;

import io.opsplane.deploy.domain.Application;
import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.domain.Release;
import io.opsplane.deploy.localtarget.InstanceExit;
import io.opsplane.deploy.localtarget.InstanceSpec;
import io.opsplane.deploy.localtarget.InstanceSupervisor;
import io.opsplane.deploy.localtarget.RestartBackoff;
import io.opsplane.deploy.localtarget.RunningInstance;
import io.opsplane.deploy.localtarget.SupervisorEvents;
import io.opsplane.deploy.process.ProcessLiveness;
import io.opsplane.deploy.process.ProcessStopper;
import io.opsplane.deploy.service.ArtifactFolders;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The local target: every instance row that should run is a supervised process on this machine. A row with a
 * pid and start time is adopted (the process outlived the deploy-service that started it); one without, or
 * whose process is gone, is started. Rows to stop are stopped once the router no longer routes to them.
 * Starting and stopping wait for the process, so they run on workers of their own, one at a time per instance.
 */
final class LocalTarget implements SupervisorEvents, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalTarget.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    /** What the target reports to the rollout controller, which records it. */
    interface Reports {
        void running(String name, long pid, Instant startedAt, int port, boolean adopted);

        void crashed(String name, long pid, int exitCode, int crashesInARow, Duration restartIn);

        void startFailed(String name, String reason);

        void stopped(String name);
    }

    private final InstanceSupervisor supervisor;
    private final ArtifactFolders artifacts;
    private final Duration readyTimeout;
    private final Duration stopGrace;
    private final Reports reports;
    private final ExecutorService workers;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Set<String> adopting = ConcurrentHashMap.newKeySet();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    private record Retry(int failures, Instant notBefore) {
    }

    LocalTarget(Path logFolder, ArtifactFolders artifacts, Duration readyTimeout, Duration stopGrace, Reports reports) {
        this.artifacts = artifacts;
        this.readyTimeout = readyTimeout;
        this.stopGrace = stopGrace;
        this.reports = reports;
        this.supervisor = new InstanceSupervisor(logFolder, RestartBackoff.standard(), this);
        this.workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "deploy-local-target");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether this target runs the instance now and it answered its health check. */
    boolean serving(String name) {
        return supervisor.current(name).map(RunningInstance::isAlive).orElse(false);
    }

    void converge(Snapshot snapshot, Set<String> routed) {
        for (InstanceRow row : snapshot.instances()) {
            if (busy.contains(row.name)) {
                continue;
            }
            if (InstanceRow.RUN.equals(row.desired)) {
                if (supervisor.current(row.name).isPresent() || waiting(row.name)) {
                    continue;
                }
                DeploymentTarget target = snapshot.targets().stream().filter(t -> t.id == row.targetId).findFirst().orElse(null);
                Release release = snapshot.releases().get(row.releaseId);
                if (target == null || release == null) {
                    continue;
                }
                Application application = snapshot.applications().get(target.application);
                submit(row.name, () -> ensureRunning(row, target, application, release));
            } else if (InstanceRow.STOP.equals(row.desired) && !routed.contains(row.name)) {
                submit(row.name, () -> stop(row));
            }
        }
    }

    private boolean waiting(String name) {
        Retry retry = retries.get(name);
        return retry != null && Instant.now().isBefore(retry.notBefore());
    }

    private void submit(String name, Runnable work) {
        if (!busy.add(name)) {
            return;
        }
        workers.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warnf("instance %s: %s", name, e.getMessage());
            } finally {
                busy.remove(name);
            }
        });
    }

    private void ensureRunning(InstanceRow row, DeploymentTarget target, Application application, Release release) {
        InstanceSpec spec;
        try {
            spec = spec(row, target, application, release);
        } catch (RuntimeException e) {
            failed(row.name, "cannot be started: " + e.getMessage());
            return;
        }
        try {
            if (row.pid != null && row.processStartedAt != null && row.port != null) {
                adopting.add(row.name);
                Optional<RunningInstance> adopted = supervisor.adopt(spec, row.pid, row.processStartedAt, row.port);
                if (adopted.isPresent()) {
                    retries.remove(row.name);
                    return;
                }
                adopting.remove(row.name);
                LOG.infof("instance %s (pid %d) is gone; starting it again", row.name, row.pid);
            }
            supervisor.run(spec);
            retries.remove(row.name);
        } catch (RuntimeException e) {
            adopting.remove(row.name);
            if (e.getMessage() != null && e.getMessage().contains("already supervised")) {
                return;
            }
            failed(row.name, e.getMessage());
        }
    }

    private void failed(String name, String reason) {
        Retry previous = retries.get(name);
        int failures = previous == null ? 1 : previous.failures() + 1;
        long delay = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures - 1, 10));
        retries.put(name, new Retry(failures, Instant.now().plusMillis(delay)));
        LOG.warnf("instance %s did not start (attempt %d, next in %d ms): %s", name, failures, delay, reason);
        reports.startFailed(name, reason);
    }

    private void stop(InstanceRow row) {
        Optional<InstanceExit> exit = supervisor.stop(row.name);
        if (exit.isEmpty() && row.pid != null && row.processStartedAt != null) {
            // Started by a deploy-service before this one and not adopted: stopped by pid and start time.
            ProcessLiveness.find(row.pid, row.processStartedAt).ifPresent(handle -> ProcessStopper.stop(handle, stopGrace));
        }
        retries.remove(row.name);
        reports.stopped(row.name);
    }

    private InstanceSpec spec(InstanceRow row, DeploymentTarget target, Application application, Release release) {
        List<String> command = new ArrayList<>();
        new JsonArray(application.startCommand).forEach(part -> command.add((String) part));
        Path folder = artifacts.resolve("artifactPath", application.artifactPath);
        Map<String, String> environment = Map.of(
                "OPSPLANE_APPLICATION", target.application,
                "OPSPLANE_ENVIRONMENT", target.environment,
                "OPSPLANE_VERSION", release.version,
                "OPSPLANE_RELEASE_ID", release.id.toString(),
                "OPSPLANE_TRACK", row.track.toLowerCase(Locale.ROOT),
                "OPSPLANE_INSTANCE", row.name);
        return new InstanceSpec(row.name, command, environment, folder, application.healthCheckPath, readyTimeout,
                stopGrace, 10L * 1024 * 1024);
    }

    @Override
    public void running(RunningInstance instance) {
        reports.running(instance.name(), instance.pid(), instance.startedAt(), instance.port(), adopting.remove(instance.name()));
    }

    @Override
    public void crashed(InstanceExit exit, int crashesInARow, Duration restartIn) {
        reports.crashed(exit.name(), exit.pid(), exit.exitCode(), crashesInARow, restartIn);
    }

    @Override
    public void restartFailed(String name, String reason, int crashesInARow, Duration nextIn) {
        reports.startFailed(name, reason);
    }

    /** Stops supervising; the instances keep running, to be adopted by the next deploy-service. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        supervisor.close();
    }
}
