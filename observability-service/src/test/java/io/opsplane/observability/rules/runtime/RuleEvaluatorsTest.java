package io.opsplane.observability.rules.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.rules.Alert;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which groups one instance runs as rule files and live instances change, and how it stands down when it cannot
 * renew its heartbeat. The store is in memory here; RulesEvaluationTest runs the same against PostgreSQL.
 */
class RuleEvaluatorsTest {

    /** A clock a test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static final class MemoryStore implements RuleStore {
        final Map<String, String> files = new java.util.TreeMap<>();
        final Map<String, Long> versions = new java.util.TreeMap<>();
        final Set<String> live = new java.util.TreeSet<>();
        boolean down;
        int loads;

        void put(String namespace, String yaml) {
            files.put(namespace, yaml);
            versions.merge(namespace, 1L, Long::sum);
        }

        @Override
        public void heartbeat(String instanceId) {
            if (down) {
                throw new IllegalStateException("the database does not answer");
            }
            live.add(instanceId);
        }

        @Override
        public List<String> liveInstances(Duration ttl) {
            return new ArrayList<>(live);
        }

        @Override
        public void leave(String instanceId) {
            live.remove(instanceId);
        }

        @Override
        public List<NamespaceVersion> namespaceVersions() {
            return versions.entrySet().stream().map(e -> new NamespaceVersion(e.getKey(), e.getValue())).toList();
        }

        @Override
        public String ruleFile(String namespace, long version) {
            return files.get(namespace);
        }

        @Override
        public Map<String, List<Alert>> loadAlerts(String namespace, String group) {
            loads++;
            return Map.of();
        }

        @Override
        public void saveAlerts(String namespace, String group, Map<String, List<Alert>> alerts) {
        }

        @Override
        public void saveStatus(GroupStatus status, String evaluator) {
        }
    }

    private static final GroupRunner.Output NOWHERE = new GroupRunner.Output() {
        @Override
        public void write(List<RemoteWriteBody.Series> series) {
        }

        @Override
        public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
        }
    };

    private static String file(String... groups) {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (String group : groups) {
            yaml.append("  - name: ").append(group).append("\n    interval: 1h\n    rules:\n")
                    .append("      - record: r\n        expr: vector(1)\n");
        }
        return yaml.toString();
    }

    @Test
    void groupsFollowFilesAndInstancesAndStandDownWhenTheHeartbeatLapses() {
        MemoryStore store = new MemoryStore();
        MovingClock clock = new MovingClock();
        RuleEvaluators.Settings settings = new RuleEvaluators.Settings(Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(5), "http://store", Map.of(), 1);
        try (RuleEvaluators a = new RuleEvaluators("a", store, (expr, at) -> List.of(), NOWHERE, clock, settings)) {
            assertFalse(a.leaseHeld(), "no heartbeat yet");
            store.put("team", file("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"));
            a.sync();
            assertTrue(a.leaseHeld());
            assertEquals(8, a.ownedGroups().size());
            assertEquals(8, store.loads, "each group starts from the stored state");

            // Another instance joins: a keeps exactly the groups rendezvous hashing gives it.
            store.live.add("b");
            a.sync();
            Set<String> keys = Set.of("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8").stream()
                    .map(g -> RuleEvaluators.groupKey("team", g)).collect(java.util.stream.Collectors.toSet());
            assertEquals(Set.copyOf(new io.opsplane.observability.rules.GroupAssignment(List.of("a", "b"))
                    .ownedBy("a", keys)), a.ownedGroups());
            store.live.remove("b");
            a.sync();
            assertEquals(8, a.ownedGroups().size());

            // A new version of the file: groups gone stop, the others carry on from memory.
            int loads = store.loads;
            store.put("team", file("g1", "g2"));
            a.sync();
            assertEquals(Set.of("team/g1", "team/g2"), a.ownedGroups());
            assertEquals(loads, store.loads);

            // The database goes away for longer than the TTL: a stands down; back, it restarts from the store.
            store.down = true;
            clock.now = clock.now.plusSeconds(6);
            assertThrows(IllegalStateException.class, a::sync);
            assertFalse(a.leaseHeld());
            store.down = false;
            a.sync();
            assertTrue(a.leaseHeld());
            assertEquals(Set.of("team/g1", "team/g2"), a.ownedGroups());
            assertEquals(loads + 2, store.loads, "both groups reloaded their state");

            // The file is deleted: nothing runs.
            store.versions.remove("team");
            a.sync();
            assertTrue(a.ownedGroups().isEmpty());
        }
        assertFalse(store.live.contains("a"), "a closed instance leaves at once");
    }
}
