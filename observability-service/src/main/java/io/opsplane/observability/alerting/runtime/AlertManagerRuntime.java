package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.alert.AlertStore;
import io.opsplane.observability.alerting.config.AlertmanagerConfig;
import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import io.opsplane.observability.alerting.config.Receiver;
import io.opsplane.observability.egress.GuardedHttpClient;
import io.opsplane.observability.alerting.delivery.NotificationSender;
import io.opsplane.observability.alerting.dispatch.DispatchState;
import io.opsplane.observability.alerting.dispatch.Dispatcher;
import io.opsplane.observability.alerting.dispatch.GroupKey;
import io.opsplane.observability.alerting.dispatch.Integration;
import io.opsplane.observability.alerting.dispatch.Muting;
import io.opsplane.observability.alerting.dispatch.Notification;
import io.opsplane.observability.alerting.escalation.EscalationPolicy;
import io.opsplane.observability.alerting.escalation.EscalationState;
import io.opsplane.observability.alerting.escalation.EscalationStep;
import io.opsplane.observability.alerting.escalation.Escalations;
import io.opsplane.observability.alerting.inhibit.Inhibitor;
import io.opsplane.observability.alerting.matcher.Matcher;
import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.observability.alerting.silence.Silence;
import io.opsplane.observability.alerting.silence.SilenceState;
import io.opsplane.observability.alerting.store.AlertManagerStore;
import io.opsplane.observability.alerting.store.AlertManagerStore.Changes;
import io.opsplane.observability.alerting.store.AlertRow;
import io.opsplane.observability.alerting.store.ConfigRow;
import io.opsplane.observability.alerting.store.EscalationStateRow;
import io.opsplane.observability.alerting.store.NotificationRow;
import io.opsplane.observability.alerting.store.PolicyRow;
import io.opsplane.observability.alerting.store.SilenceRow;
import io.opsplane.observability.config.AlertManagerSettings;
import io.opsplane.platform.egress.Cidr;
import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.events.v1.AlertAcknowledged;
import io.opsplane.proto.events.v1.AlertEscalated;
import io.opsplane.proto.events.v1.AlertFiring;
import io.opsplane.proto.events.v1.AlertResolved;
import io.opsplane.proto.events.v1.NotificationFailed;
import io.opsplane.proto.events.v1.NotificationSent;
import io.opsplane.proto.events.v1.SilenceCreated;
import io.opsplane.platform.yaml.YamlException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The alert manager at run time: the engines ({@link AlertStore}, {@link Dispatcher}, {@link Escalations}) behind
 * one lock, their state in PostgreSQL, a timer that wakes exactly when the dispatcher's next flush (or the next
 * escalation level, or the next alert end) is due, and {@link DeliveryWorkers} that deliver notifications with
 * retries, a receiver that is slow or down holding up no other.
 *
 * <p>Durability: received alerts and the dispatcher state they lead to are written in one transaction before
 * {@link #accept} returns (the dispatcher's state is one row per aggregation group and per notification log
 * entry, and a change writes only those it changed); each flush writes the state it leaves; a delivered
 * notification is recorded in the dispatcher's notification log and written together with its history row. A crash between a receiver taking a
 * notification and that write (a few milliseconds) makes the notification go out again after the restart: that
 * is the only duplicate window. A flush whose notifications were not delivered before a crash is sent again at
 * the group's next flush.
 *
 * <p>Calls block on the database and must not run on an event-loop thread.
 */
@ApplicationScoped
public class AlertManagerRuntime {

    private static final Logger LOG = Logger.getLogger(AlertManagerRuntime.class);

    /** The configuration in force while none was put: alerts are grouped by name and kept, nobody is notified. */
    public static final String DEFAULT_CONFIG = """
            # Opsplane's default: every alert grouped by alertname, notified within a second, to nobody.
            # Put a configuration with receivers (webhook_configs, slack_configs) to be notified.
            route:
              receiver: default
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 4h
            receivers:
              - name: default
            """;
    /** The housekeeping period: resolved alerts are forgotten and silences looked at no less often. */
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(30);
    private static final String ROUTE = "route";
    /** Notifications held for delivery at most; beyond, they wait for their group's next flush. */
    private static final int MAX_QUEUED_DELIVERIES = 10_000;

    @Inject
    AlertManagerSettings settings;

    @Inject
    AlertManagerStore store;

    @Inject
    Clock clock;

    private final Object lock = new Object();
    private final DispatchRows dispatchRows = new DispatchRows();
    private ReceiverUrlPolicy urlPolicy;
    private NotificationSender sender;
    private ScheduledExecutorService timer;
    private DeliveryWorkers deliveries;

    // Guarded by lock.
    private ConfigVersion config;
    private AlertStore alerts;
    private Dispatcher dispatcher;
    private Map<String, SelectedPolicy> policies;
    private Escalations escalations;
    private Map<String, Silence> silences;
    private Map<String, Instant> silenceUpdated;
    private Map<String, String> announced;
    private Map<String, Instant> alertUpdated;
    private ScheduledFuture<?> wakeup;
    private Instant wakeupAt;
    private boolean stopped;

    /** A configuration in force, with its version (0: the default). */
    public record ConfigVersion(long version, String yaml, AlertmanagerConfig parsed, String createdBy,
            Instant createdAt) {
    }

    void start(@Observes @Priority(100) StartupEvent event) {
        prepare();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "alertmanager-timer"));
        deliveries.start();
        timer.execute(this::loadAndSchedule);
    }

    /** Builds the receiver URL policy and the sender from the settings. */
    void prepare() {
        urlPolicy = new ReceiverUrlPolicy(Set.copyOf(settings.allowedHosts().orElse(List.of())),
                settings.allowedNetworks().orElse(List.of()).stream().map(Cidr::parse).toList());
        sender = new NotificationSender(
                GuardedHttpClient.withSystemDns(urlPolicy, settings.connectTimeout(), settings.readTimeout()),
                settings.externalUrl(), settings.deliveryAttempts(), settings.deliveryBackoff(),
                settings.deliveryMaxBackoff(), clock);
        deliveries = new DeliveryWorkers(sender, clock, settings.deliveryThreads(),
                Math.max(1, settings.deliveryThreads() / 4), MAX_QUEUED_DELIVERIES, this::record);
    }

    /** Now, to the microsecond: what PostgreSQL keeps, so that state read back equals state written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Alert truncated(Alert alert) {
        return new Alert(alert.labels(), alert.annotations(), alert.startsAt().truncatedTo(ChronoUnit.MICROS),
                alert.endsAt().map(end -> end.truncatedTo(ChronoUnit.MICROS)), alert.generatorUrl());
    }

    /** The dispatcher's state as it would be stored. */
    DispatchState dispatchState() {
        synchronized (lock) {
            return dispatcher.export();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (lock) {
            stopped = true;
        }
        if (timer != null) {
            timer.shutdownNow();
            deliveries.stop();
        }
    }

    private void loadAndSchedule() {
        try {
            load();
            tick();
        } catch (RuntimeException e) {
            LOG.error("the alert manager could not load its state; retrying in 1 s", e);
            timer.schedule(this::loadAndSchedule, 1, TimeUnit.SECONDS);
        }
    }

    /** Loads everything from the database, as at start (also after a write failed, to drop what it changed). */
    void load() {
        AlertManagerStore.Snapshot snapshot = store.load();
        synchronized (lock) {
            config = snapshot.config()
                    .map(row -> new ConfigVersion(row.version, row.yaml, AlertmanagerConfigReader.read(row.yaml,
                            urlPolicy), row.createdBy, row.createdAt))
                    .orElseGet(() -> new ConfigVersion(0, DEFAULT_CONFIG,
                            AlertmanagerConfigReader.read(DEFAULT_CONFIG, urlPolicy), "", Instant.EPOCH));
            alerts = new AlertStore();
            announced = new HashMap<>();
            alertUpdated = new HashMap<>();
            for (AlertRow row : snapshot.alerts()) {
                Alert alert = new Alert(StateJson.labels(row.labels), StateJson.labels(row.annotations), row.startsAt,
                        Optional.of(row.endsAt), row.generatorUrl);
                alerts.put(List.of(alert), row.updatedAt, Duration.ZERO);
                announced.put(row.fingerprint, row.announced);
                alertUpdated.put(row.fingerprint, row.updatedAt);
            }
            // Rows per group and log entry; before V145 the whole state was one row, read here one last time.
            DispatchState stored = DispatchRows.state(snapshot.groups(), snapshot.log());
            boolean legacy = snapshot.legacyDispatch().isPresent();
            dispatcher = Dispatcher.restore(config.parsed(), legacy && stored.groups().isEmpty()
                    && stored.log().isEmpty() ? StateJson.dispatchState(snapshot.legacyDispatch().get().state)
                    : stored);
            dispatchRows.loaded(stored, legacy);
            policies = new TreeMap<>();
            for (PolicyRow row : snapshot.policies()) {
                policies.put(row.name, StateJson.policy(row.name, row.definition));
            }
            escalations = Escalations.restore(policyMap(), snapshot.escalation()
                    .map(row -> StateJson.escalationStates(row.state)).orElse(List.of()));
            silences = new LinkedHashMap<>();
            silenceUpdated = new HashMap<>();
            for (SilenceRow row : snapshot.silences()) {
                silences.put(row.id, new Silence(row.id, StateJson.matchers(row.matchers), row.startsAt, row.endsAt,
                        row.createdBy, row.comment));
                silenceUpdated.put(row.id, row.updatedAt);
            }
        }
    }

    private Map<String, EscalationPolicy> policyMap() {
        Map<String, EscalationPolicy> map = new HashMap<>();
        policies.forEach((name, selected) -> map.put(name, selected.policy()));
        return map;
    }

    /** Runs {@code change} on the engines and writes what it returns; a failed write reloads the stored state. */
    private <T> T change(java.util.function.Function<Changes, T> change) {
        synchronized (lock) {
            requireLoaded();
            Changes changes = new Changes();
            T result;
            try {
                result = change.apply(changes);
            } catch (RuntimeException e) {
                dispatchRows.discarded();
                throw e;
            }
            try {
                store.write(changes);
                dispatchRows.committed();
            } catch (RuntimeException e) {
                dispatchRows.discarded();
                LOG.warn("an alert manager write failed; the stored state is reloaded", e);
                try {
                    load();
                } catch (RuntimeException reload) {
                    LOG.error("the alert manager could not reload its state", reload);
                }
                throw DomainException.failedPrecondition("the alert manager could not store the change; try again");
            }
            return result;
        }
    }

    private void requireLoaded() {
        if (config == null) {
            throw DomainException.failedPrecondition("the alert manager is starting; try again");
        }
    }

    // ---------------------------------------------------------------- intake

    /** Takes alerts as received (see {@link ReceivedAlerts}); they are stored when this returns. */
    public void accept(List<Alert> sent, Instant sentAt) {
        if (sent.isEmpty()) {
            return;
        }
        List<Alert> received = sent.stream().map(AlertManagerRuntime::truncated).toList();
        Instant receivedAt = sentAt.truncatedTo(ChronoUnit.MICROS);
        // Changes recorded on the timeline for the applications of alerts that may start firing.
        Map<String, List<AlertFiring.Change>> changesByTarget = new HashMap<>();
        for (Alert alert : received) {
            if (!alert.resolvedAt(receivedAt)) {
                String key = target(alert.labels());
                if (!key.equals("\u0000") && !changesByTarget.containsKey(key)) {
                    changesByTarget.put(key, store.recentChanges(alert.labels().getOrDefault("application", ""),
                            alert.labels().getOrDefault("environment", ""),
                            alert.startsAt().minus(settings.recentChangesWindow()), receivedAt, 20));
                }
            }
        }
        change(changes -> {
            List<Alert> merged = alerts.put(received, receivedAt, config.parsed().global().resolveTimeout());
            Map<String, Alert> unique = new LinkedHashMap<>();
            merged.forEach(alert -> unique.put(alert.fingerprint(), alert));
            for (Alert alert : unique.values()) {
                dispatcher.receive(alert, receivedAt);
                String fingerprint = alert.fingerprint();
                String state = alert.resolvedAt(receivedAt) ? AlertRow.RESOLVED : AlertRow.FIRING;
                String before = announced.get(fingerprint);
                if (state.equals(AlertRow.FIRING) && !AlertRow.FIRING.equals(before)) {
                    changes.event(fingerprint, firingEvent(alert,
                            changesByTarget.getOrDefault(target(alert.labels()), List.of())));
                } else if (state.equals(AlertRow.RESOLVED) && AlertRow.FIRING.equals(before)) {
                    changes.event(fingerprint, resolvedEvent(alert));
                }
                announced.put(fingerprint, state);
                alertUpdated.put(fingerprint, receivedAt);
                changes.merge(alertRow(alert, state, receivedAt));
            }
            writeDispatchState(changes);
            return null;
        });
        reschedule();
    }

    private static String target(Map<String, String> labels) {
        String application = labels.getOrDefault("application", "");
        return application.isEmpty() ? "\u0000" : application + "\u0000" + labels.getOrDefault("environment", "");
    }

    private static AlertFiring firingEvent(Alert alert, List<AlertFiring.Change> recent) {
        return AlertFiring.newBuilder().setFingerprint(alert.fingerprint())
                .setAlertName(alert.labels().getOrDefault("alertname", ""))
                .setSeverity(alert.labels().getOrDefault("severity", "")).putAllLabels(alert.labels())
                .putAllAnnotations(alert.annotations()).setStartsAt(Timestamps.of(alert.startsAt()))
                .setGeneratorUrl(alert.generatorUrl())
                .setApplication(alert.labels().getOrDefault("application", ""))
                .setEnvironment(alert.labels().getOrDefault("environment", "")).addAllRecentChanges(recent).build();
    }

    private static AlertResolved resolvedEvent(Alert alert) {
        AlertResolved.Builder event = AlertResolved.newBuilder().setFingerprint(alert.fingerprint())
                .setAlertName(alert.labels().getOrDefault("alertname", "")).putAllLabels(alert.labels())
                .setStartsAt(Timestamps.of(alert.startsAt()));
        alert.endsAt().ifPresent(end -> event.setEndsAt(Timestamps.of(end)));
        return event.build();
    }

    private static AlertRow alertRow(Alert alert, String announcedState, Instant now) {
        AlertRow row = new AlertRow();
        row.fingerprint = alert.fingerprint();
        row.labels = StateJson.labels(alert.labels());
        row.annotations = StateJson.labels(alert.annotations());
        row.startsAt = alert.startsAt();
        row.endsAt = alert.endsAt().orElseThrow();
        row.generatorUrl = alert.generatorUrl();
        row.announced = announcedState;
        row.updatedAt = now;
        return row;
    }

    /** Adds the dispatcher's groups and log entries that changed to {@code changes}. */
    private void writeDispatchState(Changes changes) {
        dispatchRows.write(dispatcher.export(), changes, now());
    }

    private EscalationStateRow escalationRow() {
        EscalationStateRow row = new EscalationStateRow();
        row.state = StateJson.escalationStates(escalations.export());
        row.savedAt = now();
        return row;
    }

    // ---------------------------------------------------------------- timer

    /** Makes the timer wake at the earliest moment something is due, earlier than planned if need be. */
    private void reschedule() {
        synchronized (lock) {
            if (stopped || config == null) {
                return;
            }
            Instant now = now();
            Instant next = nextDue(now);
            if (wakeup != null && !wakeup.isDone() && !wakeupAt.isAfter(next)) {
                return;
            }
            if (wakeup != null) {
                wakeup.cancel(false);
            }
            wakeupAt = next;
            long delayMicros = Math.max(0, Duration.between(now, next).toNanos() / 1000);
            wakeup = timer.schedule(this::tickSafely, delayMicros, TimeUnit.MICROSECONDS);
        }
    }

    private Instant nextDue(Instant now) {
        Instant next = now.plus(HOUSEKEEPING);
        Optional<Instant> flush = dispatcher.nextFlush();
        if (flush.isPresent() && flush.get().isBefore(next)) {
            next = flush.get();
        }
        for (EscalationState state : escalations.export()) {
            SelectedPolicy policy = policies.get(state.policy());
            if (state.acknowledgedBy().isEmpty() && policy != null
                    && state.levelsNotified() < policy.policy().levels().size()) {
                Instant due = state.firingSince().plus(policy.policy().levels().get(state.levelsNotified()).delay());
                if (due.isBefore(next)) {
                    next = due;
                }
            }
        }
        for (Alert alert : alerts.all()) {
            if (AlertRow.FIRING.equals(announced.get(alert.fingerprint()))) {
                Instant end = alert.endsAt().orElseThrow();
                if (end.isBefore(next)) {
                    next = end;
                }
            }
        }
        return next;
    }

    private void tickSafely() {
        synchronized (lock) {
            // This run is the planned wake-up: from now on, a new one must be planned.
            wakeup = null;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("alert manager flush failed; retrying in 1 s", e);
            timer.schedule(this::tickSafely, 1, TimeUnit.SECONDS);
        }
    }

    /** Flushes what is due, escalates, announces resolutions, forgets old alerts; then hands out deliveries. */
    void tick() {
        List<Delivery> toSend = change(changes -> {
            Instant now = now();
            Muting muting = muting();
            List<Delivery> due = new ArrayList<>();
            for (Notification notification : dispatcher.due(now, muting)) {
                due.add(new Delivery(notification,
                        config.parsed().receivers().get(notification.integration().receiver()), ROUTE));
            }
            due.addAll(escalate(now, muting, changes));
            for (Alert alert : alerts.all()) {
                if (alert.resolvedAt(now) && AlertRow.FIRING.equals(announced.get(alert.fingerprint()))) {
                    announced.put(alert.fingerprint(), AlertRow.RESOLVED);
                    changes.event(alert.fingerprint(), resolvedEvent(alert));
                    changes.merge(alertRow(alert, AlertRow.RESOLVED, alertUpdated.get(alert.fingerprint())));
                }
            }
            Set<String> before = new HashSet<>();
            alerts.all().forEach(alert -> before.add(alert.fingerprint()));
            alerts.forgetResolved(now, settings.resolvedRetention());
            alerts.all().forEach(alert -> before.remove(alert.fingerprint()));
            for (String forgotten : before) {
                announced.remove(forgotten);
                alertUpdated.remove(forgotten);
                changes.delete(AlertRow.class, forgotten);
            }
            for (Silence silence : List.copyOf(silences.values())) {
                if (silence.endsAt().plus(settings.resolvedRetention()).isBefore(now)) {
                    silences.remove(silence.id());
                    silenceUpdated.remove(silence.id());
                    changes.delete(SilenceRow.class, silence.id());
                }
            }
            writeDispatchState(changes);
            changes.merge(escalationRow());
            return due.stream().filter(delivery -> delivery.receiver() != null).toList();
        });
        toSend.forEach(deliveries::offer);
        reschedule();
    }

    private Muting muting() {
        return new Muting(List.copyOf(silences.values()), new Inhibitor(config.parsed().inhibitRules()),
                config.parsed().timeIntervals());
    }

    /** A group as the dispatcher holds it: its key, labels, and the unmuted alerts that fire. */
    private record GroupView(String key, Map<String, String> labels, List<Alert> firing) {
    }

    private List<GroupView> groups(Instant now, Muting muting) {
        Map<String, Route> routes = new HashMap<>();
        index(config.parsed().route(), routes);
        List<Alert> all = alerts.all();
        List<GroupView> views = new ArrayList<>();
        for (DispatchState.Group group : dispatcher.export().groups()) {
            Route route = routes.get(group.routePath());
            if (route == null || !group.hasFlushed()) {
                continue;
            }
            List<Alert> firing = group.alerts().stream()
                    .filter(alert -> !alert.resolvedAt(now) && !muting.mutes(alert, all, now)).toList();
            views.add(new GroupView(GroupKey.of(route.key(), group.groupLabels()), group.groupLabels(), firing));
        }
        return views;
    }

    private static void index(Route route, Map<String, Route> routes) {
        routes.put(route.path(), route);
        route.routes().forEach(child -> index(child, routes));
    }

    private List<Delivery> escalate(Instant now, Muting muting, Changes changes) {
        List<GroupView> views = groups(now, muting);
        Map<String, GroupView> byKey = new HashMap<>();
        for (GroupView view : views) {
            byKey.merge(view.key(), view, (a, b) -> a.firing().isEmpty() ? b : a);
        }
        for (EscalationState state : escalations.export()) {
            GroupView view = byKey.get(state.groupKey());
            if (view == null || view.firing().isEmpty()) {
                escalations.resolved(state.groupKey());
            }
        }
        for (GroupView view : byKey.values()) {
            if (view.firing().isEmpty()) {
                continue;
            }
            Map<String, String> common = commonLabels(view.firing());
            policies.values().stream().filter(policy -> policy.selects(common)).findFirst()
                    .ifPresent(policy -> escalations.firing(view.key(), policy.policy().name(), now));
        }
        List<Delivery> due = new ArrayList<>();
        for (EscalationStep step : escalations.due(now)) {
            GroupView view = byKey.get(step.groupKey());
            Set<String> fingerprints = new LinkedHashSet<>();
            view.firing().forEach(alert -> fingerprints.add(alert.fingerprint()));
            changes.event(step.groupKey(), AlertEscalated.newBuilder().setGroupKey(step.groupKey())
                    .setPolicy(step.policy()).setLevel(step.level()).addAllReceivers(step.receivers())
                    .addAllFingerprints(fingerprints).setEscalatedAt(Timestamps.of(now)).build());
            for (String name : step.receivers()) {
                Receiver receiver = config.parsed().receivers().get(name);
                if (receiver == null) {
                    LOG.warnf("escalation policy %s names receiver %s, which the configuration no longer has",
                            step.policy(), name);
                    continue;
                }
                for (Integration integration : Integration.of(receiver)) {
                    due.add(new Delivery(new Notification(step.groupKey(), integration, view.labels(),
                            view.firing(), fingerprints, Set.of(), now), receiver,
                            "escalation:" + step.policy() + ":" + step.level()));
                }
            }
        }
        return due;
    }

    private static Map<String, String> commonLabels(List<Alert> alerts) {
        Map<String, String> common = new HashMap<>(alerts.get(0).labels());
        for (Alert alert : alerts) {
            common.entrySet().removeIf(label -> !label.getValue().equals(alert.labels().get(label.getKey())));
        }
        return common;
    }

    // ---------------------------------------------------------------- delivery

    private void record(Delivery delivery, NotificationSender.Attempt attempt) {
        Notification notification = delivery.notification();
        NotificationRow row = new NotificationRow();
        row.groupKey = notification.groupKey();
        row.receiver = notification.integration().receiver();
        row.integration = notification.integration().name();
        row.reason = delivery.reason();
        row.attempt = attempt.attempt();
        row.alerts = notification.alerts().size();
        row.payloadDigest = attempt.payloadDigest();
        row.status = attempt.success() ? NotificationRow.SENT : NotificationRow.FAILED;
        row.httpStatus = attempt.httpStatus().orElse(null);
        row.latencyMs = attempt.latency().toMillis();
        row.error = attempt.error().orElse(null);
        row.attemptedAt = attempt.at();
        List<String> fingerprints = notification.alerts().stream().map(Alert::fingerprint).toList();
        change(changes -> {
            changes.persist(row);
            if (attempt.success()) {
                if (delivery.reason().equals(ROUTE) && !stopped) {
                    dispatcher.delivered(notification);
                    writeDispatchState(changes);
                }
                changes.event(notification.groupKey(), NotificationSent.newBuilder()
                        .setGroupKey(row.groupKey).setReceiver(row.receiver).setIntegration(row.integration)
                        .setReason(row.reason).addAllFingerprints(fingerprints).setPayloadDigest(row.payloadDigest)
                        .setAttempt(row.attempt).setLatencyMs(row.latencyMs).setSentAt(Timestamps.of(row.attemptedAt))
                        .build());
            } else if (attempt.last()) {
                changes.event(notification.groupKey(), NotificationFailed.newBuilder()
                        .setGroupKey(row.groupKey).setReceiver(row.receiver).setIntegration(row.integration)
                        .setReason(row.reason).addAllFingerprints(fingerprints).setPayloadDigest(row.payloadDigest)
                        .setAttempts(row.attempt).setHttpStatus(attempt.httpStatus().orElse(0))
                        .setError(row.error == null ? "" : row.error).setFailedAt(Timestamps.of(row.attemptedAt))
                        .build());
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- configuration

    public ConfigVersion config() {
        synchronized (lock) {
            requireLoaded();
            return config;
        }
    }

    /** Validates and puts a new configuration in force; a YAML or validation error names line and column. */
    public ConfigVersion putConfig(String yaml, String createdBy) {
        AlertmanagerConfig parsed;
        try {
            parsed = AlertmanagerConfigReader.read(yaml, urlPolicy);
        } catch (YamlException e) {
            throw DomainException.invalid(e.getMessage());
        }
        ConfigVersion result = change(changes -> {
            for (SelectedPolicy policy : policies.values()) {
                for (EscalationPolicy.Level level : policy.policy().levels()) {
                    for (String receiver : level.receivers()) {
                        if (!parsed.receivers().containsKey(receiver)) {
                            throw DomainException.invalid("receivers: escalation policy \"" + policy.policy().name()
                                    + "\" uses receiver \"" + receiver + "\", which this configuration lacks");
                        }
                    }
                }
            }
            long version = Math.max(config.version(), store.latestConfigVersion()) + 1;
            Instant now = now();
            ConfigRow row = new ConfigRow();
            row.version = version;
            row.yaml = yaml;
            row.createdBy = createdBy;
            row.createdAt = now;
            changes.persist(row);
            config = new ConfigVersion(version, yaml, parsed, createdBy, now);
            // As Alertmanager on a reload: the groups of the old configuration go, with the notifications of
            // theirs that wait for delivery; every alert kept goes through the new routes (resolved ones too, so
            // that a resolution not yet told is told); the notification log keeps what was already sent.
            dispatcher = Dispatcher.reload(parsed, dispatcher.export());
            deliveries.cancel(delivery -> delivery.reason().equals(ROUTE));
            for (Alert alert : alerts.all()) {
                dispatcher.receive(alert, now);
            }
            writeDispatchState(changes);
            return config;
        });
        reschedule();
        return result;
    }

    // ---------------------------------------------------------------- alerts

    /** An alert as listed: its state, the silences that mute it, inhibition, receivers, acknowledgement. */
    public record AlertStatus(Alert alert, Instant updatedAt, String state, List<String> silencedBy,
            boolean inhibited, List<String> receivers, Optional<String> acknowledgedBy) {
    }

    public List<AlertStatus> alerts() {
        synchronized (lock) {
            requireLoaded();
            Instant now = now();
            List<Alert> all = alerts.all();
            Inhibitor inhibitor = new Inhibitor(config.parsed().inhibitRules());
            Map<String, Set<String>> groupsByFingerprint = groupsByFingerprint();
            Map<String, Optional<String>> ackByGroup = new HashMap<>();
            escalations.export().forEach(state -> ackByGroup.put(state.groupKey(), state.acknowledgedBy()));
            List<AlertStatus> statuses = new ArrayList<>();
            for (Alert alert : all) {
                List<String> silencedBy = silences.values().stream()
                        .filter(silence -> silence.mutes(alert.labels(), now)).map(Silence::id).sorted().toList();
                boolean inhibited = inhibitor.inhibits(alert.labels(), all, now);
                String state = alert.resolvedAt(now) ? "resolved"
                        : silencedBy.isEmpty() && !inhibited ? "active" : "suppressed";
                List<String> receivers = config.parsed().route().match(alert.labels()).stream()
                        .map(route -> route.options().receiver()).distinct().toList();
                Optional<String> ack = groupsByFingerprint.getOrDefault(alert.fingerprint(), Set.of()).stream()
                        .map(key -> ackByGroup.getOrDefault(key, Optional.empty())).flatMap(Optional::stream)
                        .findFirst();
                statuses.add(new AlertStatus(alert, alertUpdated.getOrDefault(alert.fingerprint(), Instant.EPOCH),
                        state, silencedBy, inhibited, receivers, ack));
            }
            statuses.sort(Comparator.comparing(status -> status.alert().fingerprint()));
            return statuses;
        }
    }

    private Map<String, Set<String>> groupsByFingerprint() {
        Map<String, Route> routes = new HashMap<>();
        index(config.parsed().route(), routes);
        Map<String, Set<String>> keys = new HashMap<>();
        for (DispatchState.Group group : dispatcher.export().groups()) {
            Route route = routes.get(group.routePath());
            if (route == null) {
                continue;
            }
            String key = GroupKey.of(route.key(), group.groupLabels());
            group.alerts().forEach(alert -> keys.computeIfAbsent(alert.fingerprint(), f -> new LinkedHashSet<>())
                    .add(key));
        }
        return keys;
    }

    /** The result of an acknowledgement: the groups whose escalation stopped. */
    public record Acknowledgement(String fingerprint, List<String> groupKeys, String by, Instant at) {
    }

    public Acknowledgement acknowledge(String fingerprint, String by) {
        return change(changes -> {
            Instant now = now();
            Alert alert = alerts.get(fingerprint)
                    .orElseThrow(() -> DomainException.notFound("no alert with fingerprint " + fingerprint));
            if (alert.resolvedAt(now)) {
                throw DomainException.failedPrecondition("alert " + fingerprint + " is resolved");
            }
            List<String> stopped = new ArrayList<>();
            for (String key : groupsByFingerprint().getOrDefault(fingerprint, Set.of())) {
                if (escalations.acknowledge(key, by, now)) {
                    stopped.add(key);
                }
            }
            changes.merge(escalationRow());
            changes.event(fingerprint, AlertAcknowledged.newBuilder().setFingerprint(fingerprint)
                    .addAllGroupKeys(stopped).setAcknowledgedBy(by).setAcknowledgedAt(Timestamps.of(now)).build());
            return new Acknowledgement(fingerprint, stopped, by, now);
        });
    }

    // ---------------------------------------------------------------- silences

    /** A silence as listed, with its state now and when it last changed. */
    public record SilenceStatus(Silence silence, SilenceState state, Instant updatedAt) {
    }

    public List<SilenceStatus> silences() {
        synchronized (lock) {
            requireLoaded();
            Instant now = now();
            return silences.values().stream()
                    .map(silence -> new SilenceStatus(silence, silence.state(now), silenceUpdated.get(silence.id())))
                    .toList();
        }
    }

    public SilenceStatus silence(String id) {
        synchronized (lock) {
            requireLoaded();
            Silence silence = silences.get(id);
            if (silence == null) {
                throw DomainException.notFound("no silence " + id);
            }
            return new SilenceStatus(silence, silence.state(now()), silenceUpdated.get(id));
        }
    }

    /**
     * Creates a silence ({@code startsAt} empty: now); with {@code replaces}, that silence ends now and the new
     * one takes its place, as Alertmanager's update does.
     */
    public SilenceStatus createSilence(List<Matcher> matchers, Optional<Instant> startsAt, Instant endsAt,
            String createdBy, String comment, Optional<String> replaces) {
        return change(changes -> {
            Instant now = now();
            Silence silence = new Silence(UUID.randomUUID().toString(), matchers,
                    startsAt.map(start -> start.truncatedTo(ChronoUnit.MICROS)).orElse(now),
                    endsAt.truncatedTo(ChronoUnit.MICROS), createdBy, comment);
            if (silence.endsAt().isBefore(now)) {
                throw DomainException.invalid("endsAt: the silence would already be over");
            }
            if (replaces.isPresent()) {
                Silence old = silences.get(replaces.get());
                if (old == null) {
                    throw DomainException.notFound("no silence " + replaces.get());
                }
                if (old.state(now) != SilenceState.EXPIRED) {
                    expire(old, now, changes);
                }
            }
            silences.put(silence.id(), silence);
            silenceUpdated.put(silence.id(), now);
            changes.persist(silenceRow(silence, now));
            changes.event(silence.id(), SilenceCreated.newBuilder().setSilenceId(silence.id())
                    .addAllMatchers(silence.matchers().stream().map(Matcher::toString).toList())
                    .setStartsAt(Timestamps.of(silence.startsAt())).setEndsAt(Timestamps.of(silence.endsAt()))
                    .setCreatedBy(createdBy).setComment(comment).build());
            return new SilenceStatus(silence, silence.state(now), now);
        });
    }

    public SilenceStatus expireSilence(String id) {
        SilenceStatus result = change(changes -> {
            Instant now = now();
            Silence silence = silences.get(id);
            if (silence == null) {
                throw DomainException.notFound("no silence " + id);
            }
            if (silence.state(now) == SilenceState.EXPIRED) {
                throw DomainException.failedPrecondition("silence " + id + " already expired");
            }
            Silence expired = expire(silence, now, changes);
            return new SilenceStatus(expired, expired.state(now.plusNanos(1)), now);
        });
        reschedule();
        return result;
    }

    private Silence expire(Silence silence, Instant now, Changes changes) {
        Instant start = silence.startsAt().isBefore(now) ? silence.startsAt() : now.minusMillis(1);
        Silence expired = new Silence(silence.id(), silence.matchers(), start, now, silence.createdBy(),
                silence.comment());
        silences.put(expired.id(), expired);
        silenceUpdated.put(expired.id(), now);
        changes.merge(silenceRow(expired, now));
        return expired;
    }

    private static SilenceRow silenceRow(Silence silence, Instant now) {
        SilenceRow row = new SilenceRow();
        row.id = silence.id();
        row.matchers = StateJson.matchers(silence.matchers());
        row.startsAt = silence.startsAt();
        row.endsAt = silence.endsAt();
        row.createdBy = silence.createdBy();
        row.comment = silence.comment();
        row.updatedAt = now;
        return row;
    }

    // ---------------------------------------------------------------- escalation policies

    public List<SelectedPolicy> policies() {
        synchronized (lock) {
            requireLoaded();
            return List.copyOf(policies.values());
        }
    }

    public SelectedPolicy policy(String name) {
        synchronized (lock) {
            requireLoaded();
            SelectedPolicy policy = policies.get(name);
            if (policy == null) {
                throw DomainException.notFound("no escalation policy " + name);
            }
            return policy;
        }
    }

    public SelectedPolicy putPolicy(SelectedPolicy policy) {
        SelectedPolicy result = change(changes -> {
            List<EscalationPolicy.Level> levels = policy.policy().levels();
            for (int i = 0; i < levels.size(); i++) {
                for (String receiver : levels.get(i).receivers()) {
                    if (!config.parsed().receivers().containsKey(receiver)) {
                        throw DomainException.invalid("levels[" + i + "].receivers: no receiver \"" + receiver
                                + "\" in the alert manager configuration");
                    }
                }
            }
            policies.put(policy.policy().name(), policy);
            escalations = Escalations.restore(policyMap(), escalations.export());
            PolicyRow row = new PolicyRow();
            row.name = policy.policy().name();
            row.definition = StateJson.policy(policy);
            row.updatedAt = now();
            changes.merge(row);
            changes.merge(escalationRow());
            return policy;
        });
        reschedule();
        return result;
    }

    public void deletePolicy(String name) {
        change(changes -> {
            if (policies.remove(name) == null) {
                throw DomainException.notFound("no escalation policy " + name);
            }
            escalations = Escalations.restore(policyMap(), escalations.export());
            changes.delete(PolicyRow.class, name);
            changes.merge(escalationRow());
            return null;
        });
    }
}
