package io.opsplane.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while an event consumer is stuck: failing without a success for longer than its threshold. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    @Inject
    ConsumerMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        var stuck = monitor.detector().stuck();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event consumers").status(stuck.isEmpty())
                .withData("consumers", String.join(",", monitor.groups().keySet()));
        stuck.forEach((consumer, streak) -> response.withData(consumer,
                "stuck since " + streak.since() + " after " + streak.failures() + " failures: " + streak.lastError()));
        return response.build();
    }
}
