package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.dispatch.DispatchState;
import io.opsplane.observability.alerting.store.AlertManagerStore.Changes;
import io.opsplane.observability.alerting.store.DispatchGroupRow;
import io.opsplane.observability.alerting.store.DispatchStateRow;
import io.opsplane.observability.alerting.store.NotificationLogRow;
import io.opsplane.platform.crypto.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dispatcher's state as rows, one per aggregation group and one per notification log entry, written only
 * when they changed: {@link #write} compares the state with what is stored and adds the rows that differ (and the
 * deletions) to a change; {@link #committed} makes that the stored state once the change is written, and
 * {@link #discarded} forgets it when it was not.
 */
final class DispatchRows {

    private Map<String, DispatchState.Group> groups = new HashMap<>();
    private Map<String, DispatchState.LogEntry> log = new HashMap<>();
    private boolean legacyRow;
    private Map<String, DispatchState.Group> pendingGroups;
    private Map<String, DispatchState.LogEntry> pendingLog;

    /** The state as stored, after a load; {@code legacyRow}: the whole-state row is still there, to delete. */
    void loaded(DispatchState stored, boolean legacyRow) {
        groups = byId(stored).groups;
        log = byId(stored).log;
        this.legacyRow = legacyRow;
        discarded();
    }

    /** Reads the stored rows back into a state. */
    static DispatchState state(List<DispatchGroupRow> groupRows, List<NotificationLogRow> logRows) {
        List<DispatchState.Group> groups = new ArrayList<>();
        groupRows.forEach(row -> groups.add(StateJson.group(row.state)));
        List<DispatchState.LogEntry> log = new ArrayList<>();
        logRows.forEach(row -> log.add(new DispatchState.LogEntry(row.groupKey, row.receiver, row.integration,
                StateJson.fingerprints(row.firing), StateJson.fingerprints(row.resolved), row.sentAt)));
        return new DispatchState(groups, log);
    }

    /** Adds to {@code changes} the rows of {@code state} that differ from the stored ones, and the deletions. */
    void write(DispatchState state, Changes changes, Instant now) {
        Indexed current = byId(state);
        Map<String, DispatchState.Group> stored = pendingGroups != null ? pendingGroups : groups;
        Map<String, DispatchState.LogEntry> storedLog = pendingLog != null ? pendingLog : log;
        current.groups.forEach((id, group) -> {
            if (!group.equals(stored.get(id))) {
                changes.merge(groupRow(id, group, now));
            }
        });
        stored.keySet().stream().filter(id -> !current.groups.containsKey(id))
                .forEach(id -> changes.delete(DispatchGroupRow.class, id));
        current.log.forEach((id, entry) -> {
            if (!entry.equals(storedLog.get(id))) {
                changes.merge(logRow(id, entry));
            }
        });
        storedLog.keySet().stream().filter(id -> !current.log.containsKey(id))
                .forEach(id -> changes.delete(NotificationLogRow.class, id));
        if (legacyRow && pendingGroups == null) {
            changes.delete(DispatchStateRow.class, (short) 1);
        }
        pendingGroups = current.groups;
        pendingLog = current.log;
    }

    /** The change with the last {@link #write} is stored. */
    void committed() {
        if (pendingGroups != null) {
            groups = pendingGroups;
            log = pendingLog;
            legacyRow = false;
        }
        discarded();
    }

    /** The change with the last {@link #write} was not stored. */
    void discarded() {
        pendingGroups = null;
        pendingLog = null;
    }

    private record Indexed(Map<String, DispatchState.Group> groups, Map<String, DispatchState.LogEntry> log) {
    }

    private static Indexed byId(DispatchState state) {
        Map<String, DispatchState.Group> groups = new HashMap<>();
        state.groups().forEach(group -> groups.put(groupId(group), group));
        Map<String, DispatchState.LogEntry> log = new HashMap<>();
        state.log().forEach(entry -> log.put(logId(entry), entry));
        return new Indexed(groups, log);
    }

    private static String groupId(DispatchState.Group group) {
        return Sha256.hex(group.routePath() + "\n" + StateJson.labels(new TreeMap<>(group.groupLabels())));
    }

    private static String logId(DispatchState.LogEntry entry) {
        return Sha256.hex(entry.groupKey() + "\n" + entry.receiver() + "\n" + entry.integration());
    }

    private static DispatchGroupRow groupRow(String id, DispatchState.Group group, Instant now) {
        DispatchGroupRow row = new DispatchGroupRow();
        row.id = id;
        row.routePath = group.routePath();
        row.groupLabels = StateJson.labels(new TreeMap<>(group.groupLabels()));
        row.state = StateJson.group(group);
        row.savedAt = now;
        return row;
    }

    private static NotificationLogRow logRow(String id, DispatchState.LogEntry entry) {
        NotificationLogRow row = new NotificationLogRow();
        row.id = id;
        row.groupKey = entry.groupKey();
        row.receiver = entry.receiver();
        row.integration = entry.integration();
        row.firing = StateJson.fingerprints(entry.firing());
        row.resolved = StateJson.fingerprints(entry.resolved());
        row.sentAt = entry.sentAt();
        return row;
    }
}
