package io.opsplane.observability.alerting.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts the alert manager has received, one per fingerprint, merged as Alertmanager merges repeated sends of
 * the same alert: a send that overlaps the stored alert extends it (earliest start, latest end, newest
 * annotations); a send that starts after the stored alert ended is a new occurrence and replaces it. A send with no
 * end fires until {@code resolveTimeout} after it was received unless sent again.
 */
public final class AlertStore {

    private final Map<String, Alert> byFingerprint = new LinkedHashMap<>();

    /** Stores the alerts and returns each one as stored after merging, in the order given. */
    public List<Alert> put(List<Alert> incoming, Instant receivedAt, Duration resolveTimeout) {
        List<Alert> stored = new ArrayList<>(incoming.size());
        for (Alert alert : incoming) {
            Alert bounded = alert.endsAt().isPresent() ? alert
                    : new Alert(alert.labels(), alert.annotations(), alert.startsAt(),
                            Optional.of(receivedAt.plus(resolveTimeout)), alert.generatorUrl());
            Alert merged = byFingerprint.merge(bounded.fingerprint(), bounded, AlertStore::merge);
            stored.add(merged);
        }
        return stored;
    }

    private static Alert merge(Alert existing, Alert update) {
        if (existing.endsAt().isPresent() && existing.endsAt().get().isBefore(update.startsAt())) {
            return update;
        }
        Instant startsAt = existing.startsAt().isBefore(update.startsAt()) ? existing.startsAt() : update.startsAt();
        return new Alert(update.labels(), update.annotations(), startsAt, update.endsAt(), update.generatorUrl());
    }

    public Optional<Alert> get(String fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    public List<Alert> all() {
        return List.copyOf(byFingerprint.values());
    }

    /** Forgets alerts resolved longer than {@code retention} ago and returns how many. */
    public int forgetResolved(Instant now, Duration retention) {
        int before = byFingerprint.size();
        byFingerprint.values().removeIf(alert -> alert.resolvedAt(now.minus(retention)));
        return before - byFingerprint.size();
    }
}
