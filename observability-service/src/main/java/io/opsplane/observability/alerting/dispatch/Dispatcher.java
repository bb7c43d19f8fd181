package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.config.AlertmanagerConfig;
import io.opsplane.observability.alerting.config.Receiver;
import io.opsplane.observability.alerting.routing.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alertmanager's dispatcher as a deterministic state machine: nothing happens but in the calls, and time is the
 * {@code now} they are given. {@link #receive} puts an alert into the aggregation group of each route it matches
 * (a new group flushes {@code group_wait} later, at once for an alert older than that); {@link #due} flushes the
 * groups whose time has come (the next flush is {@code group_interval} later) and returns the notifications to
 * send; {@link #delivered} records a sent notification in the notification log. A notification goes out only
 * when the group has firing alerts the integration was not told about, when alerts it was told about resolved
 * (resolved ones are sent only with {@code send_resolved}), or when {@code repeat_interval} has passed (as
 * Alertmanager's {@code DedupStage}). Silenced, inhibited and time-muted alerts are left out. A notification that
 * is never delivered is tried again at the group's next flush. Not thread-safe: one caller at a time, which also
 * keeps the exported state consistent.
 */
public final class Dispatcher {

    private record GroupId(String routePath, Map<String, String> groupLabels) {
    }

    private record LogKey(String groupKey, String receiver, String integration) {
    }

    private final Map<String, Route> routesByPath = new HashMap<>();
    private final Route root;
    private final Map<String, Receiver> receivers;
    private final Map<GroupId, AggregationGroup> groups = new LinkedHashMap<>();
    private final Map<LogKey, DispatchState.LogEntry> log = new LinkedHashMap<>();

    public Dispatcher(AlertmanagerConfig config) {
        this.root = config.route();
        this.receivers = config.receivers();
        index(root);
    }

    /** A dispatcher that goes on from {@code state}; groups of routes the configuration no longer has are dropped. */
    public static Dispatcher restore(AlertmanagerConfig config, DispatchState state) {
        Dispatcher dispatcher = new Dispatcher(config);
        for (DispatchState.Group saved : state.groups()) {
            Route route = dispatcher.routesByPath.get(saved.routePath());
            if (route == null) {
                continue;
            }
            AggregationGroup group = new AggregationGroup(route, saved.groupLabels(), saved.nextFlush());
            saved.alerts().forEach(alert -> group.alerts.put(alert.fingerprint(), alert));
            group.hasFlushed = saved.hasFlushed();
            group.awaitingDelivery.addAll(saved.awaitingDelivery());
            saved.resolvedAtFlush().forEach(alert -> group.resolvedAtFlush.put(alert.fingerprint(), alert));
            dispatcher.groups.put(new GroupId(route.path(), group.groupLabels), group);
        }
        for (DispatchState.LogEntry entry : state.log()) {
            dispatcher.log.put(new LogKey(entry.groupKey(), entry.receiver(), entry.integration()), entry);
        }
        return dispatcher;
    }

    /**
     * A dispatcher for a new configuration, as Alertmanager's on a reload: no aggregation group survives (the
     * caller puts the alerts in again, to be grouped by the new routes), but the notification log does, so a
     * group whose key did not change is not notified again of what it was already told.
     */
    public static Dispatcher reload(AlertmanagerConfig config, DispatchState state) {
        Dispatcher dispatcher = new Dispatcher(config);
        for (DispatchState.LogEntry entry : state.log()) {
            dispatcher.log.put(new LogKey(entry.groupKey(), entry.receiver(), entry.integration()), entry);
        }
        return dispatcher;
    }

    private void index(Route route) {
        routesByPath.put(route.path(), route);
        route.routes().forEach(this::index);
    }

    /** Adds or replaces (same fingerprint) an alert in the group of every route that takes it. */
    public void receive(Alert alert, Instant now) {
        for (Route route : root.match(alert.labels())) {
            Map<String, String> groupLabels = route.groupLabels(alert.labels());
            AggregationGroup group = groups.computeIfAbsent(new GroupId(route.path(), groupLabels),
                    id -> new AggregationGroup(route, groupLabels, now.plus(route.options().groupWait())));
            group.alerts.put(alert.fingerprint(), alert);
            boolean olderThanGroupWait = alert.startsAt().plus(route.options().groupWait()).isBefore(now);
            if (!group.hasFlushed && olderThanGroupWait && group.nextFlush.isAfter(now)) {
                group.nextFlush = now;
            }
        }
    }

    /** When {@link #due} has something to flush next, if any group exists. */
    public Optional<Instant> nextFlush() {
        return groups.values().stream().map(group -> group.nextFlush).min(Instant::compareTo);
    }

    /** Flushes every group whose time has come and returns the notifications to send now. */
    public List<Notification> due(Instant now, Muting muting) {
        Collection<Alert> allAlerts = currentAlerts();
        List<Notification> notifications = new ArrayList<>();
        for (AggregationGroup group : List.copyOf(groups.values())) {
            if (group.nextFlush.isAfter(now)) {
                continue;
            }
            group.hasFlushed = true;
            group.nextFlush = now.plus(group.route.options().groupInterval());
            List<Notification> flushed = flush(group, allAlerts, now, muting);
            notifications.addAll(flushed);
            if (flushed.isEmpty()) {
                group.removeResolvedOfLastFlush();
            }
            if (group.alerts.isEmpty()) {
                groups.remove(new GroupId(group.route.path(), group.groupLabels));
            }
        }
        return notifications;
    }

    private List<Notification> flush(AggregationGroup group, Collection<Alert> allAlerts, Instant now, Muting muting) {
        group.awaitingDelivery.clear();
        group.resolvedAtFlush.clear();
        List<Alert> snapshot = group.sortedAlerts();
        snapshot.stream().filter(alert -> alert.resolvedAt(now))
                .forEach(alert -> group.resolvedAtFlush.put(alert.fingerprint(), alert));
        if (muting.mutesRoute(group.route, now)) {
            return List.of();
        }
        List<Alert> unmuted = snapshot.stream().filter(alert -> !muting.mutes(alert, allAlerts, now)).toList();
        if (unmuted.isEmpty()) {
            return List.of();
        }
        Set<String> firing = new LinkedHashSet<>();
        Set<String> resolved = new LinkedHashSet<>();
        unmuted.forEach(alert -> (alert.resolvedAt(now) ? resolved : firing).add(alert.fingerprint()));
        List<Notification> notifications = new ArrayList<>();
        Receiver receiver = receivers.get(group.route.options().receiver());
        for (Integration integration : Integration.of(receiver)) {
            LogKey logKey = new LogKey(group.key, receiver.name(), integration.name());
            if (!needsUpdate(log.get(logKey), firing, resolved, integration.sendResolved(),
                    group.route.options().repeatInterval(), now)) {
                continue;
            }
            List<Alert> toSend = integration.sendResolved() ? unmuted
                    : unmuted.stream().filter(alert -> !alert.resolvedAt(now)).toList();
            if (toSend.isEmpty()) {
                // Nothing to send, but the log must forget the alerts that fired, as Alertmanager's does.
                log.put(logKey, new DispatchState.LogEntry(group.key, receiver.name(), integration.name(), firing,
                        resolved, now));
                continue;
            }
            group.awaitingDelivery.add(integration.name());
            notifications.add(new Notification(group.key, integration, group.groupLabels, toSend, firing, resolved,
                    now));
        }
        return notifications;
    }

    private static boolean needsUpdate(DispatchState.LogEntry entry, Set<String> firing, Set<String> resolved,
            boolean sendResolved, java.time.Duration repeatInterval, Instant now) {
        if (entry == null) {
            return !firing.isEmpty();
        }
        if (!entry.firing().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !entry.firing().isEmpty();
        }
        if (sendResolved && !entry.resolved().containsAll(resolved)) {
            return true;
        }
        return entry.sentAt().isBefore(now.minus(repeatInterval));
    }

    /** Records a delivered notification; once a flush's notifications are all delivered, its resolved alerts go. */
    public void delivered(Notification notification) {
        Integration integration = notification.integration();
        log.put(new LogKey(notification.groupKey(), integration.receiver(), integration.name()),
                new DispatchState.LogEntry(notification.groupKey(), integration.receiver(), integration.name(),
                        notification.firing(), notification.resolved(), notification.at()));
        for (AggregationGroup group : List.copyOf(groups.values())) {
            if (group.key.equals(notification.groupKey())
                    && group.route.options().receiver().equals(integration.receiver())
                    && group.awaitingDelivery.remove(integration.name()) && group.awaitingDelivery.isEmpty()) {
                group.removeResolvedOfLastFlush();
                if (group.alerts.isEmpty()) {
                    groups.remove(new GroupId(group.route.path(), group.groupLabels));
                }
            }
        }
    }

    private Collection<Alert> currentAlerts() {
        Map<String, Alert> all = new LinkedHashMap<>();
        groups.values().forEach(group -> all.putAll(group.alerts));
        return all.values();
    }

    public DispatchState export() {
        return new DispatchState(groups.values().stream().map(AggregationGroup::export).toList(),
                List.copyOf(log.values()));
    }
}
