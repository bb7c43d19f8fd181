package io.opsplane.observability.alerting.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.dispatch.DispatchState;
import io.opsplane.observability.alerting.store.AlertManagerStore.Changes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dispatcher's state is written as rows that changed only: with many groups stored, a change to one group or
 * one log entry writes one row, whatever the number of groups; a write that was not stored is written again.
 */
class DispatchRowsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final int GROUPS = 300;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            nothing changed                       ; -            ; 0
            one group gets an alert               ; alert 7      ; 1
            one group goes, with its log entry    ; drop 7       ; 2
            one group comes, with its log entry   ; add 300      ; 2
            one log entry is updated              ; log 7        ; 1
            two groups change                     ; alert 1,2    ; 2
            """)
    void writesOnlyTheRowsThatChanged(String name, String change, int rows) {
        DispatchState stored = state(GROUPS, "-");
        DispatchRows dispatchRows = new DispatchRows();
        dispatchRows.loaded(stored, false);
        Changes changes = new Changes();
        dispatchRows.write(state(GROUPS, change), changes, T0);
        assertEquals(rows, changes.size(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            committed: the next write starts from it       ; true  ; 0
            discarded: the next write writes the rows again ; false ; 1
            """)
    void theStoredStateMovesOnlyWhenTheWriteIsStored(String name, boolean stored, int rows) {
        DispatchRows dispatchRows = new DispatchRows();
        dispatchRows.loaded(state(GROUPS, "-"), false);
        dispatchRows.write(state(GROUPS, "alert 7"), new Changes(), T0);
        if (stored) {
            dispatchRows.committed();
        } else {
            dispatchRows.discarded();
        }
        Changes next = new Changes();
        dispatchRows.write(state(GROUPS, "alert 7"), next, T0);
        assertEquals(rows, next.size(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            the first write after the whole-state row writes every row and deletes that row ; true  ; 5
            without it, nothing to write                                                     ; false ; 0
            """)
    void theWholeStateRowOfOldIsReplacedByRowsAtTheFirstWrite(String name, boolean legacy, int rows) {
        DispatchRows dispatchRows = new DispatchRows();
        DispatchState state = state(2, "-");
        dispatchRows.loaded(legacy ? new DispatchState(List.of(), List.of()) : state, legacy);
        Changes changes = new Changes();
        dispatchRows.write(state, changes, T0);
        // Two groups, two log entries, and the deletion of the whole-state row.
        assertEquals(rows, changes.size(), name);
    }

    /** {@code count} groups with one alert and one log entry each, changed as {@code change} says. */
    private static DispatchState state(int count, String change) {
        String[] parts = change.split(" ");
        Set<String> touched = parts.length > 1 ? Set.of(parts[1].split(",")) : Set.of();
        List<DispatchState.Group> groups = new ArrayList<>();
        List<DispatchState.LogEntry> log = new ArrayList<>();
        for (int i = 0; i < count + (parts[0].equals("add") ? 1 : 0); i++) {
            String name = "g" + i;
            boolean hit = touched.contains(String.valueOf(i));
            if (hit && parts[0].equals("drop")) {
                continue;
            }
            List<Alert> alerts = new ArrayList<>(List.of(alert(name, "a")));
            if (hit && parts[0].equals("alert")) {
                alerts.add(alert(name, "b"));
            }
            groups.add(new DispatchState.Group("route", Map.of("alertname", name), alerts, T0.plusSeconds(60), true,
                    Set.of(), List.of()));
            String key = "{}:{alertname=\"" + name + "\"}";
            Instant sent = hit && parts[0].equals("log") ? T0.plusSeconds(30) : T0;
            log.add(new DispatchState.LogEntry(key, "hook", "webhook[0]", Set.of(alerts.get(0).fingerprint()),
                    Set.of(), sent));
        }
        return new DispatchState(groups, log);
    }

    private static Alert alert(String name, String instance) {
        return new Alert(Map.of("alertname", name, "instance", instance), Map.of(), T0, Optional.empty(), "");
    }
}
