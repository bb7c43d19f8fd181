package io.opsplane.observability.health;

import io.opsplane.observability.config.MetricsConfig;
import io.opsplane.observability.metrics.PrometheusClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the metrics store answers an instant query ({@code 1}: every Prometheus-API store answers it, Prometheus
 * and VictoriaMetrics alike, without touching any series) within {@code opsplane.metrics.health-timeout}, asked at
 * most once per {@code opsplane.metrics.health-cache-for}. The data says whether it is reachable, since when, and
 * why not. A store that is down leaves this service ready unless {@code opsplane.metrics.required-for-readiness}:
 * traces, logs, the timeline and the alert manager do not need it, and PromQL and rule evaluation answer with the
 * store's error meanwhile.
 */
@Readiness
@ApplicationScoped
public class MetricsStoreReadiness implements AsyncHealthCheck {

    public static final String NAME = "Metrics store";

    @Inject
    MetricsConfig metrics;

    private CachedProbe probe;

    @PostConstruct
    void prepare() {
        PrometheusClient store = new PrometheusClient(metrics.url(), metrics.healthTimeout(), 10,
                metrics.healthTimeout());
        probe = new CachedProbe(() -> store.query("1", null, metrics.healthTimeout()), metrics.healthCacheFor(),
                Clock.systemUTC());
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(() -> {
            CachedProbe.Result result = probe.result();
            var response = HealthCheckResponse.named(NAME)
                    .status(result.reachable() || !metrics.requiredForReadiness())
                    .withData("reachable", result.reachable())
                    .withData("since", result.since().toString()).withData("checkedAt", result.checkedAt().toString())
                    .withData("requiredForReadiness", metrics.requiredForReadiness());
            if (!result.reachable()) {
                response.withData("error", result.error());
            }
            return response.build();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
