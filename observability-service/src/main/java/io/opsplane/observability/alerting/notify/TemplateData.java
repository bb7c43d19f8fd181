package io.opsplane.observability.alerting.notify;

import io.opsplane.observability.alerting.alert.Alert;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What Alertmanager's {@code template.Data} holds for one notification: the receiver name as
 * {@code regexp.QuoteMeta} prints it, the status, the group labels and the labels and annotations common to all
 * alerts of the notification.
 */
record TemplateData(String receiver, String status, List<Alert> alerts, Map<String, String> groupLabels,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, Instant now) {

    private static final Pattern REGEX_META = Pattern.compile("[\\\\.+*?()|\\[\\]{}^$]");

    static TemplateData of(String receiver, List<Alert> alerts, Map<String, String> groupLabels, Instant now) {
        boolean firing = alerts.stream().anyMatch(alert -> !alert.resolvedAt(now));
        return new TemplateData(quoteMeta(receiver), firing ? "firing" : "resolved", List.copyOf(alerts),
                new TreeMap<>(groupLabels), common(alerts, Alert::labels), common(alerts, Alert::annotations), now);
    }

    List<Alert> firingAlerts() {
        return alerts.stream().filter(alert -> !alert.resolvedAt(now)).toList();
    }

    static String quoteMeta(String text) {
        return REGEX_META.matcher(text).replaceAll("\\\\$0");
    }

    private static Map<String, String> common(List<Alert> alerts, Function<Alert, Map<String, String>> pairs) {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new HashMap<>(pairs.apply(alerts.get(0)));
        for (Alert alert : alerts.subList(1, alerts.size())) {
            common.entrySet().removeIf(pair -> !pair.getValue().equals(pairs.apply(alert).get(pair.getKey())));
        }
        return new TreeMap<>(common);
    }
}
