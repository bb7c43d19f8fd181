package io.opsplane.observability.alerting.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An alert as the alert manager holds it. {@code endsAt} is empty while the alert fires with no known end; whoever
 * receives alerts sets it to receipt time plus {@code resolve_timeout} when the sender gave none, as Alertmanager
 * does. Labels and annotations are kept sorted by name.
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
        Optional<Instant> endsAt, String generatorUrl) {

    public Alert {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    public String fingerprint() {
        return Fingerprint.of(labels);
    }

    /** Resolved once its end time has come. */
    public boolean resolvedAt(Instant now) {
        return endsAt.isPresent() && !endsAt.get().isAfter(now);
    }
}
