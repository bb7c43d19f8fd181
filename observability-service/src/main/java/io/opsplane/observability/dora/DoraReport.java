package io.opsplane.observability.dora;

import java.time.Instant;

/**
 * The four keys of one application in one environment over {@code [from, to)}. Lead time and time to restore are
 * medians in seconds, as DORA's survey asks for the typical case rather than the mean an outlier drags.
 */
public record DoraReport(String application, String environment, Instant from, Instant to,
        DoraKey deploymentFrequency, DoraKey leadTimeSeconds, DoraKey changeFailureRate, DoraKey timeToRestoreSeconds) {
}
