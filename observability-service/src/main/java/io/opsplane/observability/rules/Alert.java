package io.opsplane.observability.rules;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert of an alerting rule, as Prometheus keeps it: identified by its labels, with the
 * times of its life. {@code firedAt}, {@code resolvedAt}, {@code lastSentAt}, {@code validUntil}
 * and {@code keepFiringSince} are null until they happen. A plain record, so the state of a rule
 * can be stored and read back after a restart.
 */
public record Alert(SortedMap<String, String> labels, SortedMap<String, String> annotations, AlertState state,
        double value, Instant activeAt, Instant firedAt, Instant resolvedAt, Instant lastSentAt, Instant validUntil,
        Instant keepFiringSince) {

    public Alert {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    Alert fired(Instant at) {
        return new Alert(labels, annotations, AlertState.FIRING, value, activeAt, at, resolvedAt, lastSentAt, validUntil,
                keepFiringSince);
    }

    Alert resolved(Instant at) {
        return new Alert(labels, annotations, AlertState.INACTIVE, value, activeAt, firedAt, at, lastSentAt, validUntil,
                keepFiringSince);
    }

    Alert withLatest(double newValue, SortedMap<String, String> newAnnotations) {
        return new Alert(labels, newAnnotations, state, newValue, activeAt, firedAt, resolvedAt, lastSentAt, validUntil,
                keepFiringSince);
    }

    Alert withKeepFiringSince(Instant since) {
        return new Alert(labels, annotations, state, value, activeAt, firedAt, resolvedAt, lastSentAt, validUntil, since);
    }

    Alert sent(Instant at, Instant until) {
        return new Alert(labels, annotations, state, value, activeAt, firedAt, resolvedAt, at, until, keepFiringSince);
    }
}
