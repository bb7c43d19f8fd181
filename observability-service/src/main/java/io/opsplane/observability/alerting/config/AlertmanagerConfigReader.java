package io.opsplane.observability.alerting.config;

import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.platform.yaml.SafeYamlReader;
import io.opsplane.platform.yaml.YamlException;
import io.opsplane.platform.yaml.YamlMapping;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Alertmanager 0.25 configuration file. Fields Alertmanager accepts but Opsplane does not support are
 * refused with the reason, unknown fields are refused as Alertmanager's strict parsing does, and every error is a
 * {@link YamlException} naming the path, line and column. Receiver URLs must pass a {@link ReceiverUrlPolicy}.
 */
public final class AlertmanagerConfigReader {

    private static final FieldRules FIELDS = new FieldRules(
            Set.of("global", "route", "inhibit_rules", "receivers", "time_intervals", "mute_time_intervals"),
            Map.of("templates", "Opsplane sends fixed texts, without Go templates"));

    private AlertmanagerConfigReader() {
    }

    /** Reads {@code yaml} allowing receivers on public addresses only. */
    public static AlertmanagerConfig read(String yaml) {
        return read(yaml, ReceiverUrlPolicy.publicOnly());
    }

    public static AlertmanagerConfig read(String yaml, ReceiverUrlPolicy urlPolicy) {
        YamlMapping root = SafeYamlReader.read(yaml).asMapping();
        FIELDS.check(root);
        GlobalConfig global = root.optionalMapping("global").map(node -> GlobalConfig.read(node, urlPolicy))
                .orElse(GlobalConfig.DEFAULT);
        var timeIntervals = TimeIntervalReader.read(root);
        var receivers = ReceiverReader.read(root, global, urlPolicy);
        Route route = RouteReader.readRoot(root, receivers.keySet(), timeIntervals.keySet());
        return new AlertmanagerConfig(global, route, InhibitRuleReader.read(root), receivers, timeIntervals);
    }
}
