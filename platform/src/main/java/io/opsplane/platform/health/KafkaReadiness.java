package io.opsplane.platform.health;

import io.opsplane.platform.kafka.KafkaClients;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the broker does not answer within {@code opsplane.kafka.health-timeout} (3 s), with
 * this service's own credentials. (The stock check waits for the admin client's default of 60 s, so
 * a stopped broker was reported a minute late.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements AsyncHealthCheck {

    public static final String NAME = "Kafka broker";

    @Inject
    KafkaClients kafka;

    @ConfigProperty(name = "opsplane.kafka.health-timeout", defaultValue = "PT3S")
    Duration timeout;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(() -> {
            try {
                var nodes = kafka.sharedAdmin()
                        .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                        .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
                return HealthCheckResponse.named(NAME).status(!nodes.isEmpty()).withData("nodes", nodes.size())
                        .build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HealthCheckResponse.named(NAME).down().withData("error", "interrupted").build();
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return HealthCheckResponse.named(NAME).down()
                        .withData("error", cause.getClass().getSimpleName() + ": " + cause.getMessage()).build();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
