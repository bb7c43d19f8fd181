package io.opsplane.gateway.rest;

import io.opsplane.proto.observability.v1.ScrapeTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of the scrape targets API. */
public final class ScrapeTargetViews {

    private ScrapeTargetViews() {
    }

    /** The body of {@code POST /api/v1/scrape-targets}. */
    public record NewScrapeTarget(
            @Schema(description = "The job label: 1 to 63 letters, digits, '_', '.' or '-'", required = true) String name,
            @Schema(description = "1 to 100 host:port addresses (IPv6 in brackets); none with httpSdUrl") List<String> targets,
            @Schema(description = "At most 30; not job, instance or names starting with __") Map<String, String> labels,
            @Schema(description = "Default /metrics") String metricsPath,
            @Schema(description = "http (default) or https") String scheme,
            @Schema(description = "Instead of targets: a Prometheus HTTP service discovery endpoint, read every "
                    + "httpSdRefreshInterval; its targets follow the same address rules") String httpSdUrl,
            @Schema(description = "5s to 1h; default 30s") String httpSdRefreshInterval) {
    }

    public record ScrapeTargetView(String name, List<String> targets, Map<String, String> labels, String metricsPath,
            String scheme, String httpSdUrl, String httpSdRefreshInterval,
            @Schema(description = "The last read of httpSdUrl by the instance that answered") HttpSdStatusView httpSd,
            String createdBy, Instant createdAt) {
        static ScrapeTargetView of(ScrapeTarget t) {
            HttpSdStatusView status = t.hasHttpSdStatus() ? new HttpSdStatusView(
                    Views.instant(t.getHttpSdStatus().getLastRefresh()), t.getHttpSdStatus().getTargets(),
                    t.getHttpSdStatus().getLastError()) : null;
            return new ScrapeTargetView(t.getName(), t.getTargetsList(), t.getLabelsMap(), t.getMetricsPath(),
                    t.getScheme(), Views.blankToNull(t.getHttpSdUrl()), Views.blankToNull(t.getHttpSdRefreshInterval()),
                    status, t.getCreatedBy(), Views.instant(t.getCreatedAt()));
        }
    }

    public record HttpSdStatusView(Instant lastRefresh, int targets,
            @Schema(description = "Why the last read failed; empty when it succeeded (the last good document "
                    + "stays in force)") String lastError) {
    }

    public record ScrapeTargetList(List<ScrapeTargetView> targets) {
    }
}
