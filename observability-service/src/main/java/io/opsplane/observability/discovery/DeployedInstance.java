package io.opsplane.observability.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application instance deploy-service runs, as the metrics store scrapes it: {@code host:port/metrics},
 * labelled with its application ({@code job} too), environment, version and track, so canary and stable series
 * differ by {@code track} and {@code version}.
 */
public record DeployedInstance(String instance, String application, String environment, String version,
        String track, String host, int port) {

    public static final String METRICS_PATH = "/metrics";

    public ScrapeTargets.TargetGroup group() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__metrics_path__", METRICS_PATH);
        labels.put("job", application);
        labels.put("application", application);
        labels.put("environment", environment);
        labels.put("version", version);
        labels.put("track", track);
        labels.put("deploy_instance", instance);
        return new ScrapeTargets.TargetGroup(List.of(host + ":" + port), labels);
    }
}
