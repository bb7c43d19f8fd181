package io.opsplane.healing.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts of one application and environment that fired close together, and what was done about them. It
 * resolves by itself once every alert has resolved and, when a mitigation ran, its verification passed: an alert
 * that stops firing while the remediation is not verified is not yet recovery.
 */
public final class Incident {

    private final String id;
    private final String application;
    private final String environment;
    private final Instant openedAt;
    private final Map<String, Boolean> alertsFiring = new LinkedHashMap<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private IncidentState state = IncidentState.OPEN;
    private Severity severity = Severity.NONE;
    private Instant lastFiringAt;
    private Instant resolvedAt;
    private String acknowledgedBy;
    private String owner;
    private boolean mitigated;
    private boolean verified;

    Incident(String id, AlertFact first) {
        this.id = id;
        this.application = first.application();
        this.environment = first.environment();
        this.openedAt = first.at();
        this.lastFiringAt = first.at();
        record(first.at(), TimelineEntry.Kind.OPENED, "opened for " + application + " in " + environment);
    }

    void alert(AlertFact fact) {
        Boolean wasFiring = alertsFiring.get(fact.alertId());
        if (fact.firing()) {
            lastFiringAt = fact.at().isAfter(lastFiringAt) ? fact.at() : lastFiringAt;
            Severity alertSeverity = Severity.ofLabel(fact.labels().get("severity"));
            if (alertSeverity.compareTo(severity) > 0) {
                severity = alertSeverity;
            }
            if (!Boolean.TRUE.equals(wasFiring)) {
                alertsFiring.put(fact.alertId(), true);
                verified = false;
                record(fact.at(), TimelineEntry.Kind.ALERT_FIRING, describe(fact));
            }
        } else if (Boolean.TRUE.equals(wasFiring)) {
            alertsFiring.put(fact.alertId(), false);
            record(fact.at(), TimelineEntry.Kind.ALERT_RESOLVED, describe(fact));
            resolveIfRecovered(fact.at());
        }
    }

    void acknowledge(String user, Instant at) {
        acknowledgedBy = user;
        record(at, TimelineEntry.Kind.ACKNOWLEDGED, "acknowledged by " + user);
    }

    void assign(String newOwner, Instant at) {
        owner = newOwner;
        record(at, TimelineEntry.Kind.OWNER_ASSIGNED, "owned by " + newOwner);
    }

    void startMitigation(String description, Instant at) {
        mitigated = true;
        verified = false;
        if (state == IncidentState.OPEN) {
            state = IncidentState.MITIGATING;
        }
        record(at, TimelineEntry.Kind.MITIGATION_STARTED, description);
    }

    void verification(boolean passed, String description, Instant at) {
        verified = passed;
        record(at, passed ? TimelineEntry.Kind.VERIFICATION_PASSED : TimelineEntry.Kind.VERIFICATION_FAILED,
                description);
        if (passed) {
            resolveIfRecovered(at);
        }
    }

    void escalate(String reason, Instant at) {
        state = IncidentState.ESCALATED;
        record(at, TimelineEntry.Kind.ESCALATED, reason);
    }

    /** Closed by a person, whatever its alerts say. */
    void resolve(String user, Instant at) {
        close(at, "resolved by " + user);
    }

    private void resolveIfRecovered(Instant at) {
        boolean noneFiring = !alertsFiring.containsValue(true);
        if (noneFiring && (!mitigated || verified)) {
            close(at, mitigated ? "all alerts resolved and the remediation verified" : "all alerts resolved");
        }
    }

    private void close(Instant at, String text) {
        state = IncidentState.RESOLVED;
        resolvedAt = at;
        record(at, TimelineEntry.Kind.RESOLVED, text);
    }

    private void record(Instant at, TimelineEntry.Kind kind, String text) {
        timeline.add(new TimelineEntry(at, kind, text));
    }

    private static String describe(AlertFact fact) {
        return fact.labels().getOrDefault("alertname", fact.alertId()) + " (" + fact.alertId() + ")";
    }

    public String id() {
        return id;
    }

    public String application() {
        return application;
    }

    public String environment() {
        return environment;
    }

    public IncidentState state() {
        return state;
    }

    public Severity severity() {
        return severity;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant lastFiringAt() {
        return lastFiringAt;
    }

    public Optional<Instant> resolvedAt() {
        return Optional.ofNullable(resolvedAt);
    }

    public Optional<String> acknowledgedBy() {
        return Optional.ofNullable(acknowledgedBy);
    }

    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    public boolean involves(String alertId) {
        return alertsFiring.containsKey(alertId);
    }

    public List<String> alertIds() {
        return List.copyOf(alertsFiring.keySet());
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }
}
