package io.opsplane.observability.alerting.config;

import io.opsplane.platform.yaml.YamlMapping;
import java.util.Map;
import java.util.Set;

/**
 * Which fields one section of an Alertmanager 0.25 file may have: those Opsplane reads, those Alertmanager accepts
 * but Opsplane refuses (with the reason), and anything else is unknown, as Alertmanager's strict parsing refuses it.
 */
record FieldRules(Set<String> supported, Map<String, String> unsupported) {

    void check(YamlMapping section) {
        for (YamlMapping.Entry entry : section.entries()) {
            String key = entry.key().text();
            String reason = unsupported.get(key);
            if (reason != null) {
                throw entry.key().error("the field '" + key + "' is not supported by Opsplane (" + reason + ")");
            }
            if (!supported.contains(key)) {
                throw entry.key().error("unknown field '" + key + "'");
            }
        }
    }
}
