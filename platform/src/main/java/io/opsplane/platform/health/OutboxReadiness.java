package io.opsplane.platform.health;

import io.opsplane.platform.outbox.OutboxStatus;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the outbox does not drain: its oldest pending row has waited longer than
 * {@code opsplane.outbox.stuck-after}. Quarantined rows are reported, not counted: they wait for an
 * operator and block nothing else.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements AsyncHealthCheck {

    @Inject
    OutboxStatus outbox;

    @ConfigProperty(name = "opsplane.outbox.stuck-after", defaultValue = "PT60S")
    Duration stuckAfter;

    @Override
    public Uni<HealthCheckResponse> call() {
        return outbox.snapshot().map(snapshot -> HealthCheckResponse.named("Outbox relay")
                .status(snapshot.oldestPendingAge().compareTo(stuckAfter) < 0)
                .withData("pending", snapshot.pending())
                .withData("oldestPendingAgeSeconds", snapshot.oldestPendingAge().toSeconds())
                .withData("quarantined", snapshot.quarantined()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("Outbox relay").down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }
}
