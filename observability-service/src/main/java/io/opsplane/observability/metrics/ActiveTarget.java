package io.opsplane.observability.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A target the metrics store scrapes, as its {@code /api/v1/targets} reports it.
 *
 * @param labels         the target's labels after relabelling ({@code job}, {@code instance}, ...)
 * @param lastScrape     when the last scrape began (its samples carry this time); null before the first
 * @param scrapeDuration how long the last scrape took
 * @param scrapeInterval how often it is scraped; null when the store does not say
 */
public record ActiveTarget(Map<String, String> labels, Instant lastScrape, Duration scrapeDuration,
        Duration scrapeInterval) {
    public ActiveTarget {
        labels = Map.copyOf(labels);
    }
}
