package io.opsplane.observability.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scrape job a user added: fixed {@code host:port} addresses that the metrics store scrapes at
 * {@code scheme://address metricsPath}, labelled {@code job=<name>} plus the user's labels. Build it with
 * {@link UserScrapeTargets#validated}.
 */
public record UserScrapeTarget(String name, List<String> targets, Map<String, String> labels, String metricsPath,
        String scheme) {

    public UserScrapeTarget {
        targets = List.copyOf(targets);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The target group the store's HTTP service discovery serves for this job. */
    public ScrapeTargets.TargetGroup group() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("__metrics_path__", metricsPath);
        all.put("__scheme__", scheme);
        all.put("job", name);
        all.putAll(labels);
        return new ScrapeTargets.TargetGroup(targets, all);
    }
}
