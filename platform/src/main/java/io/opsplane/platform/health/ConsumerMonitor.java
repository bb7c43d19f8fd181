package io.opsplane.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The progress of this service's event consumers, for readiness, metrics and ServiceInfo: a consumer
 * that keeps failing without a success for {@code opsplane.consumer.stuck-after} is stuck.
 */
@ApplicationScoped
public class ConsumerMonitor {

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "opsplane.consumer.stuck-after", defaultValue = "PT30S")
    Duration stuckAfter;

    private StuckDetector detector;
    private final Map<String, String> groups = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        detector = new StuckDetector(clock, stuckAfter);
    }

    /** Makes a consumer known (so health and metrics show it before its first batch). */
    public void register(String consumer, String groupId) {
        if (groups.putIfAbsent(consumer, groupId) == null) {
            Gauge.builder("opsplane.consumer.stuck", () -> detector.isStuck(consumer) ? 1 : 0)
                    .description("1 while the consumer has been failing for longer than opsplane.consumer.stuck-after")
                    .tag("consumer", consumer).register(registry);
        }
    }

    public void succeeded(String consumer) {
        detector.succeeded(consumer);
    }

    public void failed(String consumer, Throwable failure) {
        detector.failed(consumer, String.valueOf(failure.getMessage()));
    }

    public StuckDetector detector() {
        return detector;
    }

    /** Consumer name → Kafka consumer group id. */
    public Map<String, String> groups() {
        return Map.copyOf(groups);
    }
}
