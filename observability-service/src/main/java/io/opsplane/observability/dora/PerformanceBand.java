package io.opsplane.observability.dora;

import java.time.Duration;

/**
 * DORA's performance bands, with the thresholds of the 2023 Accelerate State of DevOps Report (Google Cloud / DORA):
 * deployment frequency on demand (at least daily) / daily to weekly / weekly to monthly / less often; lead time under
 * a day / up to a week / up to a month / longer; change failure rate 5% / 10% / 15% / above (the report gives these as
 * the clusters' typical rates, used here as upper bounds); failed deployment recovery time under an hour / under a
 * day / up to a week / longer.
 */
public enum PerformanceBand {
    ELITE, HIGH, MEDIUM, LOW;

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    public static PerformanceBand ofDeploymentsPerDay(double perDay) {
        if (perDay >= 1) {
            return ELITE;
        }
        if (perDay >= 1.0 / 7) {
            return HIGH;
        }
        return perDay >= 1.0 / 30 ? MEDIUM : LOW;
    }

    public static PerformanceBand ofLeadTime(Duration leadTime) {
        if (leadTime.compareTo(DAY) < 0) {
            return ELITE;
        }
        if (leadTime.compareTo(WEEK) <= 0) {
            return HIGH;
        }
        return leadTime.compareTo(MONTH) <= 0 ? MEDIUM : LOW;
    }

    public static PerformanceBand ofChangeFailureRate(double rate) {
        if (rate <= 0.05) {
            return ELITE;
        }
        if (rate <= 0.10) {
            return HIGH;
        }
        return rate <= 0.15 ? MEDIUM : LOW;
    }

    public static PerformanceBand ofTimeToRestore(Duration timeToRestore) {
        if (timeToRestore.compareTo(Duration.ofHours(1)) < 0) {
            return ELITE;
        }
        if (timeToRestore.compareTo(DAY) < 0) {
            return HIGH;
        }
        return timeToRestore.compareTo(WEEK) <= 0 ? MEDIUM : LOW;
    }
}
