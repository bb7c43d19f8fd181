package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.rules.Alert;
import io.opsplane.observability.rules.GroupAssignment;
import io.opsplane.observability.rules.RuleFileException;
import io.opsplane.observability.rules.RuleFileParser;
import io.opsplane.observability.rules.RuleGroup;
import io.opsplane.observability.rules.RuleGroupEvaluator.InstantQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The rule groups one instance evaluates. {@link #sync()} renews the instance's heartbeat, reads which instances are
 * live and which rule files exist, and keeps exactly the groups {@link GroupAssignment} gives this instance running:
 * a group it gains starts from the alert state in the database, a group it loses (or whose file changed) stops after
 * its evaluation in progress. Each running group is evaluated at its schedule's slots, the next slot planned when an
 * evaluation ends; its alert state is written back when an evaluation changed it.
 */
public final class RuleEvaluators implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RuleEvaluators.class);

    /**
     * @param defaultInterval the interval of groups that set none
     * @param resendDelay how often a firing alert is sent again
     * @param heartbeatTtl how long an instance that stopped renewing its heartbeat still owns its groups
     * @param threads how many groups may be evaluated at the same time
     */
    public record Settings(Duration defaultInterval, Duration resendDelay, Duration heartbeatTtl, String externalUrl,
            Map<String, String> externalLabels, int threads) {
        public Settings {
            externalLabels = Map.copyOf(externalLabels);
        }
    }

    private record ParsedNamespace(long version, List<RuleGroup> groups) {
    }

    private record Wanted(String namespace, long version, RuleGroup group) {
    }

    private static final class Running {
        final GroupRunner runner;
        Map<String, List<Alert>> persisted;
        ScheduledFuture<?> next;
        /** The slot of the last evaluation; null before the first. */
        Instant lastSlot;
        boolean stopped;

        Running(GroupRunner runner, Map<String, List<Alert>> persisted) {
            this.runner = runner;
            this.persisted = persisted;
        }
    }

    private final String instanceId;
    private final RuleStore store;
    private final InstantQuery query;
    private final GroupRunner.Output output;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, ParsedNamespace> parsed = new HashMap<>();
    private boolean closed;
    /** When this instance's heartbeat was last renewed (by its clock, taken before the renewal); null: never. */
    private volatile Instant heartbeatAt;

    public RuleEvaluators(String instanceId, RuleStore store, InstantQuery query, GroupRunner.Output output, Clock clock,
            Settings settings) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("the instance id must not be blank");
        }
        this.instanceId = instanceId;
        this.store = store;
        this.query = query;
        this.output = output;
        this.clock = clock;
        this.settings = settings;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(Math.max(1, settings.threads()), task -> {
            Thread thread = new Thread(task, "rule-evaluation-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public String instanceId() {
        return instanceId;
    }

    /** The keys ({@code namespace/group}) of the groups this instance evaluates now. */
    public Set<String> ownedGroups() {
        return new TreeSet<>(running.keySet());
    }

    /** The last status of each group this instance evaluates, by key. */
    public Map<String, GroupStatus> statuses() {
        Map<String, GroupStatus> statuses = new LinkedHashMap<>();
        running.forEach((key, group) -> {
            GroupStatus status = group.runner.lastStatus();
            if (status != null) {
                statuses.put(key, status);
            }
        });
        return statuses;
    }

    /**
     * Whether this instance's heartbeat was renewed within the TTL. When it was not (the database is out of reach),
     * the other instances may have taken its groups over, so it evaluates nothing until it renews it; its groups
     * then start again from the stored state.
     */
    public boolean leaseHeld() {
        Instant renewed = heartbeatAt;
        return renewed != null && Duration.between(renewed, clock.instant()).compareTo(settings.heartbeatTtl()) < 0;
    }

    public static String groupKey(String namespace, String group) {
        return namespace + "/" + group;
    }

    /**
     * One round: heartbeat, live instances, rule files, then start and stop groups. A database that does not answer
     * leaves the running groups as they are; the next round tries again.
     */
    public synchronized void sync() {
        if (closed) {
            return;
        }
        boolean lapsed = heartbeatAt != null && !leaseHeld();
        Instant renewing = clock.instant();
        store.heartbeat(instanceId);
        if (lapsed) {
            // Another instance may have evaluated these groups meanwhile: start them again from the stored state.
            LOG.warnf("instance %s renews its heartbeat after it lapsed; its groups restart from the stored state",
                    instanceId);
            running.values().forEach(RuleEvaluators::stop);
            running.clear();
        }
        heartbeatAt = renewing;
        Set<String> live = new HashSet<>(store.liveInstances(settings.heartbeatTtl()));
        live.add(instanceId);
        GroupAssignment assignment = new GroupAssignment(live);

        Map<String, Wanted> wanted = new LinkedHashMap<>();
        Set<String> namespaces = new HashSet<>();
        for (RuleStore.NamespaceVersion current : store.namespaceVersions()) {
            namespaces.add(current.namespace());
            ParsedNamespace namespace = parsed.get(current.namespace());
            if (namespace == null || namespace.version() != current.version()) {
                String text = store.ruleFile(current.namespace(), current.version());
                if (text == null) {
                    continue;
                }
                List<RuleGroup> groups;
                try {
                    groups = RuleFileParser.parse(current.namespace(), text);
                } catch (RuleFileException e) {
                    // Stored files were checked when they were put; a file this version no longer reads is skipped.
                    LOG.errorf("rule namespace %s version %d does not load: %s", current.namespace(), current.version(),
                            e.getMessage());
                    groups = List.of();
                }
                namespace = new ParsedNamespace(current.version(), groups);
                parsed.put(current.namespace(), namespace);
            }
            for (RuleGroup group : namespace.groups()) {
                String key = groupKey(current.namespace(), group.name());
                if (assignment.ownerOf(key).equals(instanceId)) {
                    wanted.put(key, new Wanted(current.namespace(), namespace.version(), group));
                }
            }
        }
        parsed.keySet().retainAll(namespaces);

        for (Map.Entry<String, Running> entry : new ArrayList<>(running.entrySet())) {
            Wanted want = wanted.get(entry.getKey());
            if (want == null) {
                stop(entry.getValue());
                running.remove(entry.getKey());
            }
        }
        for (Map.Entry<String, Wanted> entry : wanted.entrySet()) {
            Running current = running.get(entry.getKey());
            if (current != null && current.runner.version() == entry.getValue().version()) {
                continue;
            }
            try {
                start(entry.getKey(), entry.getValue(), current);
            } catch (RuntimeException e) {
                LOG.warnf("rule group %s does not start yet: %s", entry.getKey(), e.getMessage());
            }
        }
    }

    private void start(String key, Wanted want, Running previous) {
        GroupRunner runner = new GroupRunner(want.namespace(), want.version(), want.group(), settings.externalLabels(),
                settings.externalUrl(), settings.defaultInterval(), settings.resendDelay());
        Map<String, List<Alert>> state;
        if (previous != null) {
            // The same group in a new version of its file: its alerts continue from memory, as on a Prometheus reload.
            stop(previous);
            state = previous.runner.exportAlerts();
            running.remove(key);
        } else {
            state = store.loadAlerts(want.namespace(), want.group().name());
        }
        runner.restoreAlerts(state);
        Running group = new Running(runner, previous == null ? runner.exportAlerts() : Map.of());
        running.put(key, group);
        Instant first = runner.schedule().slotAfter(clock.instant());
        synchronized (group) {
            group.next = executor.schedule(() -> evaluate(group, first), nanosUntil(first), TimeUnit.NANOSECONDS);
        }
    }

    private void evaluate(Running group, Instant slot) {
        synchronized (group) {
            if (group.stopped) {
                return;
            }
            GroupRunner runner = group.runner;
            if (!leaseHeld()) {
                Instant later = runner.schedule().slotAfter(clock.instant());
                group.next = executor.schedule(() -> evaluate(group, later), nanosUntil(later), TimeUnit.NANOSECONDS);
                return;
            }
            group.lastSlot = slot;
            try {
                GroupStatus status = runner.evaluate(slot, query, output, clock);
                Map<String, List<Alert>> state = runner.exportAlerts();
                if (!state.equals(group.persisted)) {
                    try {
                        store.saveAlerts(runner.namespace(), runner.group().name(), state);
                        group.persisted = state;
                    } catch (RuntimeException e) {
                        LOG.warnf("the alert state of rule group %s is not saved yet: %s",
                                groupKey(runner.namespace(), runner.group().name()), e.getMessage());
                    }
                }
                try {
                    store.saveStatus(status, instanceId);
                } catch (RuntimeException e) {
                    LOG.debugf("the status of rule group %s is not saved: %s", runner.group().name(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "rule group %s failed to evaluate", groupKey(runner.namespace(), runner.group().name()));
            }
            Instant next = runner.schedule().nextAfterEvaluation(slot, clock.instant());
            group.next = executor.schedule(() -> evaluate(group, next), nanosUntil(next), TimeUnit.NANOSECONDS);
        }
    }

    /** The groups this instance evaluates now, by key. */
    public Map<String, GroupRunner> runners() {
        Map<String, GroupRunner> runners = new LinkedHashMap<>();
        running.forEach((key, group) -> runners.put(key, group.runner));
        return runners;
    }

    /**
     * Moves a group's evaluations to {@code offset} in its interval when that differs from where they are by more
     * than {@code tolerance}; the next evaluation is the first slot of the new schedule after the last one, so none
     * runs twice. A group that is no longer running (or runs another version of its file) is left alone.
     */
    public void realign(String key, long version, Duration offset, Duration tolerance) {
        Running group = running.get(key);
        if (group == null) {
            return;
        }
        synchronized (group) {
            GroupRunner runner = group.runner;
            if (group.stopped || runner.version() != version) {
                return;
            }
            long interval = runner.interval().toNanos();
            long distance = Math.floorMod(offset.toNanos() - runner.schedule().offset().toNanos(), interval);
            if (Math.min(distance, interval - distance) <= tolerance.toNanos()) {
                return;
            }
            if (group.next != null && !group.next.cancel(false)) {
                return; // its evaluation has begun and waits for this lock: the next call moves it
            }
            runner.alignTo(offset);
            Instant now = clock.instant();
            Instant next = runner.schedule().slotAfter(group.lastSlot == null || group.lastSlot.isBefore(now)
                    ? now : group.lastSlot);
            group.next = executor.schedule(() -> evaluate(group, next), nanosUntil(next), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops a group; an evaluation in progress finishes (and saves its state) first. */
    private static void stop(Running group) {
        synchronized (group) {
            group.stopped = true;
            if (group.next != null) {
                group.next.cancel(false);
            }
        }
    }

    private long nanosUntil(Instant at) {
        return Math.max(0, Duration.between(clock.instant(), at).toNanos());
    }

    /** Stops every group and leaves the set of live instances, so the others take the groups over at once. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            running.values().forEach(RuleEvaluators::stop);
            running.clear();
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.leave(instanceId);
        } catch (RuntimeException e) {
            LOG.debugf("instance %s did not leave: %s", instanceId, e.getMessage());
        }
    }
}
