package io.opsplane.healing.incident;

import java.time.Instant;

/** One line of an incident's history: when, what kind of step, and what it says. */
public record TimelineEntry(Instant at, Kind kind, String text) {

    public enum Kind {
        OPENED, ALERT_FIRING, ALERT_RESOLVED, ACKNOWLEDGED, OWNER_ASSIGNED, MITIGATION_STARTED, VERIFICATION_PASSED,
        VERIFICATION_FAILED, ESCALATED, RESOLVED
    }
}
