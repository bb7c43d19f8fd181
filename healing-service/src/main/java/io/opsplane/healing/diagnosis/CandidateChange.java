package io.opsplane.healing.diagnosis;

import java.time.Instant;

/**
 * A change that may have caused the symptoms: a deployment, a configuration version or a pipeline run, with the
 * version and track ({@code canary}, {@code stable}, or empty) it put in place, when it started and whether it is
 * still going on.
 */
public record CandidateChange(String id, Kind kind, String application, String environment, String version,
        String track, Instant at, boolean inProgress) {

    public enum Kind {
        DEPLOYMENT, CONFIGURATION, PIPELINE_RUN
    }
}
