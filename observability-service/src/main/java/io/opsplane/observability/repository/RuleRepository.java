package io.opsplane.observability.repository;

import io.opsplane.observability.rules.Alert;
import io.opsplane.observability.rules.AlertState;
import io.opsplane.observability.rules.runtime.GroupStatus;
import io.opsplane.observability.rules.runtime.RuleHealth;
import io.opsplane.observability.rules.runtime.RuleStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rule files, alert state, group status and evaluator heartbeats in PostgreSQL. Every method blocks (bounded by
 * {@link #TIMEOUT}) and so runs on a worker or evaluation thread, never on an event loop.
 */
public final class RuleRepository implements RuleStore {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A stored namespace: its current version, file, parsed groups (JSON) and who changed it when. */
    public record StoredNamespace(String name, long version, String yaml, String groupsJson, Instant updatedAt,
            String updatedBy) {
    }

    /** A stored group status, with the namespace version it was evaluated at. */
    public record StoredStatus(String namespace, String group, long version, String evaluator, Instant lastEvaluation,
            Duration evaluationTime, List<RuleHealth> rules) {
    }

    /** A stored alert, with the rule and group it belongs to. */
    public record StoredAlert(String namespace, String group, String ruleKey, Alert alert) {
    }

    private final Pool pool;

    public RuleRepository(Pool pool) {
        this.pool = pool;
    }

    // ------------------------------------------------------------------ rule files

    /**
     * Creates or replaces a namespace's file in one transaction, with a history row; returns the stored namespace.
     */
    public StoredNamespace put(String name, String yaml, String groupsJson, int groupCount, int ruleCount, String by) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO rule_namespace (name, version, yaml, groups, group_count, rule_count, updated_at, updated_by)
                VALUES ($1::varchar, COALESCE((SELECT max(version) FROM rule_namespace_version WHERE name = $1::varchar), 0) + 1,
                        $2, $3, $4, $5, now(), $6)
                ON CONFLICT (name) DO UPDATE SET version = rule_namespace.version + 1, yaml = EXCLUDED.yaml,
                    groups = EXCLUDED.groups, group_count = EXCLUDED.group_count, rule_count = EXCLUDED.rule_count,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                RETURNING name, version, yaml, groups::text AS groups, updated_at, updated_by""")
                .execute(Tuple.of(name, yaml, new JsonArray(groupsJson), groupCount, ruleCount, by))
                .flatMap(rows -> {
                    StoredNamespace stored = namespace(rows.iterator().next());
                    return tx.preparedQuery("""
                            INSERT INTO rule_namespace_version (name, version, yaml, changed_at, changed_by)
                            VALUES ($1, $2, $3, $4, $5)""")
                            .execute(Tuple.of(name, stored.version(), yaml, at(stored.updatedAt()), by))
                            .map(ignored -> stored);
                })).await().atMost(TIMEOUT);
    }

    /** The namespace, or null. */
    public StoredNamespace get(String name) {
        RowSet<Row> rows = pool.preparedQuery("""
                SELECT name, version, yaml, groups::text AS groups, updated_at, updated_by
                FROM rule_namespace WHERE name = $1""").execute(Tuple.of(name)).await().atMost(TIMEOUT);
        return rows.size() == 0 ? null : namespace(rows.iterator().next());
    }

    /** Every namespace by name, without its file. */
    public List<StoredNamespace> list() {
        List<StoredNamespace> all = new ArrayList<>();
        pool.query("""
                SELECT name, version, '' AS yaml, groups::text AS groups, updated_at, updated_by
                FROM rule_namespace ORDER BY name""").execute().await().atMost(TIMEOUT)
                .forEach(row -> all.add(namespace(row)));
        return all;
    }

    /**
     * Deletes a namespace with its alert state and status, recording the deletion as a version; returns that
     * version, or -1 when there was no such namespace.
     */
    public long delete(String name, String by) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "DELETE FROM rule_namespace WHERE name = $1 RETURNING version").execute(Tuple.of(name))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return io.smallrye.mutiny.Uni.createFrom().item(-1L);
                    }
                    long version = rows.iterator().next().getLong("version") + 1;
                    return tx.preparedQuery("""
                            INSERT INTO rule_namespace_version (name, version, yaml, changed_at, changed_by)
                            VALUES ($1, $2, NULL, now(), $3)""").execute(Tuple.of(name, version, by))
                            .flatMap(ignored -> tx.preparedQuery("DELETE FROM rule_alert WHERE namespace = $1")
                                    .execute(Tuple.of(name)))
                            .flatMap(ignored -> tx.preparedQuery("DELETE FROM rule_group_status WHERE namespace = $1")
                                    .execute(Tuple.of(name)))
                            .map(ignored -> version);
                })).await().atMost(TIMEOUT);
    }

    private static StoredNamespace namespace(Row row) {
        return new StoredNamespace(row.getString("name"), row.getLong("version"), row.getString("yaml"),
                row.getString("groups"), row.getOffsetDateTime("updated_at").toInstant(), row.getString("updated_by"));
    }

    @Override
    public List<NamespaceVersion> namespaceVersions() {
        List<NamespaceVersion> all = new ArrayList<>();
        pool.query("SELECT name, version FROM rule_namespace ORDER BY name").execute().await().atMost(TIMEOUT)
                .forEach(row -> all.add(new NamespaceVersion(row.getString("name"), row.getLong("version"))));
        return all;
    }

    @Override
    public String ruleFile(String namespace, long version) {
        RowSet<Row> rows = pool.preparedQuery("SELECT yaml FROM rule_namespace WHERE name = $1 AND version = $2")
                .execute(Tuple.of(namespace, version)).await().atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString("yaml");
    }

    // ------------------------------------------------------------------ evaluators

    @Override
    public void heartbeat(String instanceId) {
        pool.preparedQuery("""
                INSERT INTO rule_evaluator (instance_id, started_at, heartbeat_at) VALUES ($1, now(), now())
                ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()""")
                .execute(Tuple.of(instanceId)).await().atMost(TIMEOUT);
    }

    @Override
    public List<String> liveInstances(Duration ttl) {
        List<String> live = new ArrayList<>();
        pool.preparedQuery("""
                SELECT instance_id FROM rule_evaluator
                WHERE heartbeat_at > now() - make_interval(secs => $1) ORDER BY instance_id""")
                .execute(Tuple.of(ttl.toMillis() / 1000.0)).await().atMost(TIMEOUT)
                .forEach(row -> live.add(row.getString("instance_id")));
        return live;
    }

    @Override
    public void leave(String instanceId) {
        pool.preparedQuery("DELETE FROM rule_evaluator WHERE instance_id = $1").execute(Tuple.of(instanceId))
                .await().atMost(TIMEOUT);
    }

    // ------------------------------------------------------------------ alert state

    @Override
    public Map<String, List<Alert>> loadAlerts(String namespace, String group) {
        Map<String, List<Alert>> alerts = new LinkedHashMap<>();
        pool.preparedQuery("""
                SELECT * FROM rule_alert WHERE namespace = $1 AND md5(group_name) = md5($2) AND group_name = $2
                ORDER BY rule_key, active_at""").execute(Tuple.of(namespace, group)).await().atMost(TIMEOUT)
                .forEach(row -> alerts.computeIfAbsent(row.getString("rule_key"), key -> new ArrayList<>()).add(alert(row)));
        return alerts;
    }

    @Override
    public void saveAlerts(String namespace, String group, Map<String, List<Alert>> alerts) {
        List<Tuple> rows = new ArrayList<>();
        alerts.forEach((ruleKey, list) -> list.forEach(alert -> rows.add(Tuple.tuple(List.of(namespace, group, ruleKey,
                new JsonObject(new LinkedHashMap<>(alert.labels())), new JsonObject(new LinkedHashMap<>(alert.annotations())),
                alert.state().name().toLowerCase(Locale.ROOT), alert.value())).addValue(at(alert.activeAt()))
                .addValue(at(alert.firedAt())).addValue(at(alert.resolvedAt())).addValue(at(alert.lastSentAt()))
                .addValue(at(alert.validUntil())).addValue(at(alert.keepFiringSince())))));
        pool.withTransaction(tx -> {
            var deleted = tx.preparedQuery(
                    "DELETE FROM rule_alert WHERE namespace = $1 AND md5(group_name) = md5($2) AND group_name = $2")
                    .execute(Tuple.of(namespace, group));
            if (rows.isEmpty()) {
                return deleted;
            }
            return deleted.flatMap(ignored -> tx.preparedQuery("""
                    INSERT INTO rule_alert (namespace, group_name, rule_key, labels, annotations, state, value, active_at,
                        fired_at, resolved_at, last_sent_at, valid_until, keep_firing_since)
                    SELECT $1::varchar, $2::text, $3::text, $4::jsonb, $5::jsonb, $6::varchar, $7::float8, $8::timestamptz,
                        $9::timestamptz, $10::timestamptz, $11::timestamptz, $12::timestamptz, $13::timestamptz
                    WHERE EXISTS (SELECT 1 FROM rule_namespace WHERE name = $1)""").executeBatch(rows));
        }).await().atMost(TIMEOUT);
    }

    /** Every stored alert (pending, firing, and resolved not yet forgotten), or those of one namespace. */
    public List<StoredAlert> alerts(String namespace) {
        List<StoredAlert> all = new ArrayList<>();
        SqlClient client = pool;
        (namespace == null || namespace.isEmpty()
                ? client.query("SELECT * FROM rule_alert ORDER BY namespace, group_name, rule_key, active_at").execute()
                : client.preparedQuery("SELECT * FROM rule_alert WHERE namespace = $1 ORDER BY group_name, rule_key, active_at")
                        .execute(Tuple.of(namespace)))
                .await().atMost(TIMEOUT)
                .forEach(row -> all.add(new StoredAlert(row.getString("namespace"), row.getString("group_name"),
                        row.getString("rule_key"), alert(row))));
        return all;
    }

    private static Alert alert(Row row) {
        return new Alert(strings(row.getJsonObject("labels")), strings(row.getJsonObject("annotations")),
                AlertState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), row.getDouble("value"),
                instant(row, "active_at"), instant(row, "fired_at"), instant(row, "resolved_at"),
                instant(row, "last_sent_at"), instant(row, "valid_until"), instant(row, "keep_firing_since"));
    }

    // ------------------------------------------------------------------ status

    @Override
    public void saveStatus(GroupStatus status, String evaluator) {
        JsonArray rules = new JsonArray();
        for (RuleHealth health : status.rules()) {
            JsonObject rule = new JsonObject().put("health", health.health()).put("lastError", health.lastError())
                    .put("evaluationNanos", health.evaluationTime().toNanos());
            if (health.lastEvaluation() != null) {
                rule.put("lastEvaluation", health.lastEvaluation().toString());
            }
            rules.add(rule);
        }
        pool.preparedQuery("""
                INSERT INTO rule_group_status (namespace, group_name, namespace_version, evaluator, last_evaluation,
                    evaluation_ms, rules)
                SELECT $1::varchar, $2::text, $3::bigint, $4::varchar, $5::timestamptz, $6::float8, $7::jsonb
                WHERE EXISTS (SELECT 1 FROM rule_namespace WHERE name = $1)
                ON CONFLICT (namespace, md5(group_name)) DO UPDATE SET namespace_version = EXCLUDED.namespace_version,
                    evaluator = EXCLUDED.evaluator, last_evaluation = EXCLUDED.last_evaluation,
                    evaluation_ms = EXCLUDED.evaluation_ms, rules = EXCLUDED.rules""")
                .execute(Tuple.tuple(List.of(status.namespace(), status.group(), status.version(), evaluator,
                        at(status.lastEvaluation()), status.evaluationTime().toNanos() / 1e6, rules)))
                .await().atMost(TIMEOUT);
    }

    /** The stored status of every group, by {@code namespace/group}. */
    public Map<String, StoredStatus> statuses() {
        Map<String, StoredStatus> all = new LinkedHashMap<>();
        pool.query("SELECT * FROM rule_group_status").execute().await().atMost(TIMEOUT).forEach(row -> {
            List<RuleHealth> rules = new ArrayList<>();
            for (Object entry : row.getJsonArray("rules")) {
                JsonObject rule = (JsonObject) entry;
                String last = rule.getString("lastEvaluation");
                rules.add(new RuleHealth(rule.getString("health"), rule.getString("lastError"),
                        last == null ? null : Instant.parse(last), Duration.ofNanos(rule.getLong("evaluationNanos"))));
            }
            StoredStatus status = new StoredStatus(row.getString("namespace"), row.getString("group_name"),
                    row.getLong("namespace_version"), row.getString("evaluator"), instant(row, "last_evaluation"),
                    Duration.ofNanos((long) (row.getDouble("evaluation_ms") * 1e6)), rules);
            all.put(status.namespace() + "/" + status.group(), status);
        });
        return all;
    }

    // ------------------------------------------------------------------ conversions

    private static SortedMap<String, String> strings(JsonObject json) {
        SortedMap<String, String> map = new TreeMap<>();
        json.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        return map;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
