package io.opsplane.observability.alerting.config;

import io.opsplane.observability.alerting.inhibit.InhibitRule;
import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.observability.alerting.timeinterval.TimeInterval;
import java.util.List;
import java.util.Map;

/**
 * An alert manager configuration in Alertmanager 0.25's format, validated: every receiver and time interval a
 * route names exists. {@link AlertmanagerConfigReader} reads it.
 */
public record AlertmanagerConfig(GlobalConfig global, Route route, List<InhibitRule> inhibitRules,
        Map<String, Receiver> receivers, Map<String, TimeInterval> timeIntervals) {

    public AlertmanagerConfig {
        inhibitRules = List.copyOf(inhibitRules);
        receivers = Map.copyOf(receivers);
        timeIntervals = Map.copyOf(timeIntervals);
    }
}
