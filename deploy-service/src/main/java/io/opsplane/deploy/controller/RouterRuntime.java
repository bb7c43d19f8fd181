package io.opsplane.deploy.controller;

import io.opsplane.deploy.domain.Application;
import io.opsplane.deploy.domain.DeploymentTarget;
import io.opsplane.deploy.domain.InstanceRow;
import io.opsplane.deploy.process.ProcessLiveness;
import io.opsplane.deploy.process.ProcessStopper;
import io.opsplane.deploy.rollout.Track;
import io.opsplane.deploy.rollout.TrafficWeights;
import io.opsplane.deploy.traffic.ServerStats;
import io.opsplane.deploy.traffic.TrackServer;
import io.opsplane.deploy.traffic.haproxy.HaproxyConfig;
import io.opsplane.deploy.traffic.haproxy.HaproxyExecutable;
import io.opsplane.deploy.traffic.haproxy.HaproxyProcess;
import io.opsplane.deploy.traffic.haproxy.HaproxyRoute;
import io.opsplane.deploy.traffic.haproxy.HaproxyRuntimeApi;
import io.opsplane.deploy.traffic.haproxy.HaproxyTrafficRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The HAProxy deploy-service runs in front of every application in every environment: one frontend and backend
 * per target. Weights and servers change through its runtime API; those changes live only in the running
 * process, so every pass applies the weights the database holds, which also restores them after HAProxy
 * restarted. A HAProxy left running by a deploy-service that was killed is adopted when its configuration is
 * the one wanted, so traffic keeps flowing through the restart.
 */
final class RouterRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RouterRuntime.class);
    private static final String PID_FILE = "haproxy.pid";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final Path folder;
    private final Optional<String> executable;
    private HaproxyProcess process;
    private long adoptedPid;
    private HaproxyRuntimeApi api;
    private HaproxyTrafficRouter router;
    private List<HaproxyRoute> routes = List.of();
    private final Map<String, TrafficWeights> observed = new ConcurrentHashMap<>();
    private volatile Set<String> routed = Set.of();
    private int restarts;

    RouterRuntime(Path folder, Optional<String> executable) {
        this.folder = folder;
        this.executable = executable;
    }

    /** What the router reported for a backend at the last pass; empty before, or without servers. */
    Optional<TrafficWeights> observed(String backend) {
        return Optional.ofNullable(observed.get(backend));
    }

    /** The servers of every backend at the last pass: an instance in it must not be stopped yet. */
    Set<String> routed() {
        return routed;
    }

    int restarts() {
        return restarts;
    }

    /** The pid of the HAProxy master in use, or 0. */
    synchronized long pid() {
        return process != null ? process.pid() : adoptedPid;
    }

    synchronized void converge(Snapshot snapshot, Predicate<String> serving) {
        List<HaproxyRoute> wanted = new ArrayList<>();
        List<DeploymentTarget> targets = new ArrayList<>(snapshot.targets());
        targets.sort(Comparator.comparing(target -> target.id));
        for (DeploymentTarget target : targets) {
            Application application = snapshot.applications().get(target.application);
            wanted.add(new HaproxyRoute(target.backend(), target.listenPort, application.healthCheckPath));
        }
        if (wanted.isEmpty()) {
            return;
        }
        if (api == null) {
            adoptLeftover(wanted);
        }
        if (api == null || !alive() || !wanted.equals(routes)) {
            if (api != null && !alive()) {
                LOG.warnf("haproxy (pid %d) is gone; starting it again and re-applying every split", pid());
            }
            restart(wanted);
        }
        Set<String> present = new HashSet<>();
        for (DeploymentTarget target : targets) {
            try {
                apply(target, snapshot, serving);
            } catch (RuntimeException e) {
                LOG.warnf("applying the split of %s failed: %s", target.backend(), e.getMessage());
            }
            try {
                List<ServerStats> stats = router.servers(target.backend());
                stats.forEach(server -> present.add(server.server()));
                observe(target, snapshot, stats);
            } catch (RuntimeException e) {
                LOG.warnf("reading the servers of %s failed: %s", target.backend(), e.getMessage());
                observed.remove(target.backend());
            }
        }
        routed = Set.copyOf(present);
    }

    private void apply(DeploymentTarget target, Snapshot snapshot, Predicate<String> serving) {
        Map<String, List<TrackServer>> servers = new LinkedHashMap<>();
        servers.put("stable", new ArrayList<>());
        servers.put("canary", new ArrayList<>());
        for (InstanceRow row : snapshot.instancesOf(target)) {
            if (!InstanceRow.RUN.equals(row.desired) || row.port == null) {
                continue;
            }
            boolean healthy = "HEALTHY".equals(row.health) && serving.test(row.name);
            servers.get(group(row)).add(new TrackServer(row.name, "127.0.0.1", row.port, healthy));
        }
        TrafficWeights weights = snapshot.weights(target);
        Map<String, Integer> percent = new LinkedHashMap<>();
        percent.put("stable", weights.stable());
        percent.put("canary", weights.canary());
        boolean stableReady = servers.get("stable").stream().anyMatch(TrackServer::healthy);
        boolean canaryReady = servers.get("canary").stream().anyMatch(TrackServer::healthy);
        if (!stableReady && !canaryReady) {
            return;
        }
        // A track with a share but nothing healthy to carry it: the other track serves everything meanwhile
        // (a first deployment has no stable track at all).
        if (weights.stable() > 0 && !stableReady) {
            percent.put("stable", 0);
            percent.put("canary", 100);
        } else if (weights.canary() > 0 && !canaryReady) {
            percent.put("stable", 100);
            percent.put("canary", 0);
        }
        router.applySplit(target.backend(), percent, servers);
    }

    private void observe(DeploymentTarget target, Snapshot snapshot, List<ServerStats> stats) {
        Map<String, String> groups = new HashMap<>();
        snapshot.instancesOf(target).forEach(row -> groups.put(row.name, group(row)));
        int stable = 0;
        int canary = 0;
        for (ServerStats server : stats) {
            if ("canary".equals(groups.get(server.server()))) {
                canary += server.weight();
            } else {
                stable += server.weight();
            }
        }
        if (stable + canary == 0) {
            // Nothing carries traffic: in particular nothing of the new release, which may then be scaled down.
            observed.put(target.backend(), TrafficWeights.ALL_STABLE);
            return;
        }
        int canaryPercent = (int) Math.round(canary * 100.0 / (stable + canary));
        observed.put(target.backend(), TrafficWeights.canaryAt(canaryPercent));
    }

    private static String group(InstanceRow row) {
        return Track.valueOf(row.track).carriesNewRelease() ? "canary" : "stable";
    }

    private boolean alive() {
        if (process != null) {
            return process.isAlive();
        }
        return adoptedPid > 0 && ProcessHandle.of(adoptedPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Takes over the HAProxy a previous deploy-service left running when it serves exactly these routes. */
    private void adoptLeftover(List<HaproxyRoute> wanted) {
        Optional<ProcessHandle> leftover = leftover();
        if (leftover.isEmpty()) {
            return;
        }
        Path socket = folder.resolve(HaproxyProcess.SOCKET_FILE);
        try {
            String config = Files.readString(folder.resolve(HaproxyProcess.CONFIG_FILE));
            HaproxyRuntimeApi candidate = new HaproxyRuntimeApi(socket, COMMAND_TIMEOUT);
            candidate.execute("show info");
            if (config.equals(HaproxyConfig.render(socket, wanted))) {
                api = candidate;
                router = new HaproxyTrafficRouter(api);
                adoptedPid = leftover.get().pid();
                routes = List.copyOf(wanted);
                LOG.infof("adopted the running haproxy (pid %d)", adoptedPid);
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.infof("the haproxy left running (pid %d) cannot be adopted: %s", leftover.get().pid(), e.getMessage());
        }
        ProcessStopper.stop(leftover.get(), Duration.ofSeconds(5));
    }

    private Optional<ProcessHandle> leftover() {
        Path pidFile = folder.resolve(PID_FILE);
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            String configPath = folder.resolve(HaproxyProcess.CONFIG_FILE).toString();
            return ProcessHandle.of(pid).filter(ProcessLiveness::isRunning)
                    .filter(handle -> handle.info().commandLine().map(line -> line.contains(configPath)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void restart(List<HaproxyRoute> wanted) {
        stopCurrent();
        Path binary = executable.map(Path::of).orElseGet(HaproxyExecutable::locate);
        process = HaproxyProcess.start(binary, folder, wanted, START_TIMEOUT);
        api = process.runtimeApi();
        router = new HaproxyTrafficRouter(api);
        routes = List.copyOf(wanted);
        observed.clear();
        restarts++;
        try {
            Files.writeString(folder.resolve(PID_FILE), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(PID_FILE), e);
        }
        LOG.infof("haproxy (pid %d) serves %d route(s) from %s", process.pid(), wanted.size(), folder);
    }

    private void stopCurrent() {
        if (process != null) {
            process.close();
            process = null;
        } else if (adoptedPid > 0) {
            ProcessHandle.of(adoptedPid).ifPresent(handle -> ProcessStopper.stop(handle, Duration.ofSeconds(5)));
        }
        adoptedPid = 0;
        api = null;
    }

    /** Leaves HAProxy running: traffic keeps flowing while deploy-service is away, and the next one adopts it. */
    @Override
    public synchronized void close() {
        process = null;
        api = null;
        router = null;
        adoptedPid = 0;
        routes = List.of();
    }

    /** Stops HAProxy for good (tests, and a platform shutting down). */
    synchronized void stop() {
        stopCurrent();
        routes = List.of();
    }
}
