package io.opsplane.observability.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scrape job a user added: fixed {@code host:port} addresses, or those an HTTP service discovery endpoint lists,
 * that the metrics store scrapes at {@code scheme://address metricsPath}, labelled {@code job=<name>} plus the
 * user's labels (and a discovered group's). Build it with {@link UserScrapeTargets#validated}.
 *
 * @param httpSd the discovery endpoint; empty when the targets are fixed
 */
public record UserScrapeTarget(String name, List<String> targets, Map<String, String> labels, String metricsPath,
        String scheme, Optional<HttpSd> httpSd) {

    /** An HTTP service discovery endpoint and how often it is read. */
    public record HttpSd(URI url, Duration refreshInterval) {
    }

    public UserScrapeTarget {
        targets = List.copyOf(targets);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The target group the store's HTTP service discovery serves for this job's fixed targets. */
    public ScrapeTargets.TargetGroup group() {
        return group(targets, Map.of());
    }

    /** The job's labels, then {@code discovered}'s, on {@code addresses}. */
    public ScrapeTargets.TargetGroup group(List<String> addresses, Map<String, String> discovered) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("__metrics_path__", metricsPath);
        all.put("__scheme__", scheme);
        all.put("job", name);
        all.putAll(labels);
        all.putAll(discovered);
        return new ScrapeTargets.TargetGroup(addresses, all);
    }
}
