package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.rules.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A rule's alert as Prometheus 2.42's notifier hands it to Alertmanager: starting when it fired, ending when it
 * resolved or, while it fires, when it stops being valid unless sent again; external labels added (an alert's own
 * label wins); the generator URL the expression's table view in the store's UI.
 */
public final class AlertConversion {

    private AlertConversion() {
    }

    public static io.opsplane.observability.alerting.alert.Alert toAlertManager(Alert alert, String generatorUrl,
            Map<String, String> externalLabels) {
        Map<String, String> labels = new TreeMap<>(externalLabels);
        labels.putAll(alert.labels());
        Instant startsAt = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        Instant endsAt = alert.resolvedAt() != null ? alert.resolvedAt() : alert.validUntil();
        return new io.opsplane.observability.alerting.alert.Alert(labels, alert.annotations(), startsAt,
                Optional.ofNullable(endsAt), generatorUrl);
    }

    /**
     * Prometheus's {@code externalURL + strutil.TableLinkForExpression(expr)}; {@code expr} is the query as Prometheus
     * prints it ({@link io.opsplane.observability.promql.ParsedQuery#printed()}).
     */
    public static String generatorUrl(String externalUrl, String expr) {
        return externalUrl + "/graph?g0.expr=" + queryEscape(expr) + "&g0.tab=1";
    }

    /** Go's {@code url.QueryEscape}: like Java's form encoding, except that Go escapes '*' and keeps '~'. */
    static String queryEscape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
