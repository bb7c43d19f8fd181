package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.rules.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the rule evaluators keep in the database: heartbeats, rule files, alert state and status. */
public interface RuleStore {

    /** A namespace's current version. */
    record NamespaceVersion(String namespace, long version) {
    }

    /** Renews this instance's heartbeat. */
    void heartbeat(String instanceId);

    /** The instances whose heartbeat is younger than {@code ttl}, by the database's clock. */
    List<String> liveInstances(Duration ttl);

    /** Removes this instance's heartbeat, so the others take its groups at once. */
    void leave(String instanceId);

    List<NamespaceVersion> namespaceVersions();

    /** The rule file of a namespace at a version; null when that version is not the current one any more. */
    String ruleFile(String namespace, long version);

    Map<String, List<Alert>> loadAlerts(String namespace, String group);

    void saveAlerts(String namespace, String group, Map<String, List<Alert>> alerts);

    void saveStatus(GroupStatus status, String evaluator);
}
