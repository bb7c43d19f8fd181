package io.opsplane.pipeline.scheduling;

import java.time.Instant;
import java.util.Objects;

/** A delayed job put to SCHEDULED, and when it may start. */
public record DelayedStart(String job, Instant dueAt) {

    public DelayedStart {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
