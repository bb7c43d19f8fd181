package io.opsplane.healing.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns alert facts into incidents: a firing alert joins the unresolved incident of its application and environment
 * when that incident last saw an alert fire within the grouping window, and opens a new incident otherwise. An
 * incident's id is its application, environment and opening time, so replaying the same facts gives the same ids.
 */
public final class IncidentBook {

    private final Duration groupWindow;
    private final List<Incident> incidents = new ArrayList<>();

    public IncidentBook(Duration groupWindow) {
        this.groupWindow = groupWindow;
    }

    /** Records the fact and returns the incident it belongs to, if any (a resolved alert nobody saw fire has none). */
    public Optional<Incident> record(AlertFact fact) {
        Optional<Incident> holder = unresolved().filter(incident -> incident.involves(fact.alertId())).findFirst();
        if (holder.isEmpty() && fact.firing()) {
            holder = unresolved().filter(incident -> incident.application().equals(fact.application())
                            && incident.environment().equals(fact.environment())
                            && !fact.at().isAfter(incident.lastFiringAt().plus(groupWindow)))
                    .findFirst()
                    .or(() -> Optional.of(open(fact)));
        }
        holder.ifPresent(incident -> incident.alert(fact));
        return holder;
    }

    public void acknowledge(String incidentId, String user, Instant at) {
        get(incidentId).acknowledge(user, at);
    }

    public void assign(String incidentId, String owner, Instant at) {
        get(incidentId).assign(owner, at);
    }

    public void startMitigation(String incidentId, String description, Instant at) {
        get(incidentId).startMitigation(description, at);
    }

    public void verification(String incidentId, boolean passed, String description, Instant at) {
        get(incidentId).verification(passed, description, at);
    }

    public void escalate(String incidentId, String reason, Instant at) {
        get(incidentId).escalate(reason, at);
    }

    public void resolve(String incidentId, String user, Instant at) {
        get(incidentId).resolve(user, at);
    }

    public List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    /** @throws NoSuchElementException for an unknown id */
    public Incident get(String incidentId) {
        return incidents.stream().filter(incident -> incident.id().equals(incidentId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no incident " + incidentId));
    }

    private Stream<Incident> unresolved() {
        return incidents.stream().filter(incident -> incident.state() != IncidentState.RESOLVED);
    }

    private Incident open(AlertFact first) {
        Incident incident = new Incident(first.application() + "/" + first.environment() + "@" + first.at(), first);
        incidents.add(incident);
        return incident;
    }
}
