package io.opsplane.healing.incident;

/** Where an incident stands: only a resolved incident is closed; the others still take alerts. */
public enum IncidentState {
    OPEN, MITIGATING, ESCALATED, RESOLVED
}
