package io.opsplane.platform.grpc;

import io.opsplane.platform.events.Topics;
import io.opsplane.platform.health.ConsumerMonitor;
import io.opsplane.platform.health.StuckDetector;
import io.opsplane.platform.kafka.ConsumerLag;
import io.opsplane.platform.kafka.DeadLetters;
import io.opsplane.platform.outbox.OutboxStatus;
import io.opsplane.proto.platform.v1.ConsumerStatus;
import io.opsplane.proto.platform.v1.GetServiceInfoRequest;
import io.opsplane.proto.platform.v1.ServiceInfo;
import io.opsplane.proto.platform.v1.ServiceInfoService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every service's self-description over gRPC: name, version, schema, topics, how its outbox drains
 * and how far behind its consumers are.
 */
@GrpcService
public class ServiceInfoGrpcService implements ServiceInfoService {

    private static final String SCHEMA =
            "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1";

    @Inject
    Pool pool;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Topics topics;

    @Inject
    OutboxStatus outbox;

    @Inject
    ConsumerMonitor consumers;

    @Inject
    ConsumerLag lag;

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    private Instant startedAt = Instant.now();

    void onStart(@Observes StartupEvent event) {
        startedAt = Instant.now();
    }

    @Override
    public Uni<ServiceInfo> getServiceInfo(GetServiceInfoRequest request) {
        Uni<String> schema = pool.query(SCHEMA).execute()
                .map(rows -> rows.size() == 0 || rows.iterator().next().getString(0) == null ? ""
                        : rows.iterator().next().getString(0));
        return Uni.combine().all().unis(schema, outbox.snapshot(), lag.lagByGroup(consumers.groups().values()))
                .asTuple().map(t -> {
                    ServiceInfo.Builder info = ServiceInfo.newBuilder().setName(name).setVersion(version)
                            .setStartedAt(Timestamps.of(startedAt)).setSchemaVersion(t.getItem1())
                            .setEventsTopic(topics.events(name.replace("-service", "")))
                            .setDeadLetterTopic(deadLetters.topic())
                            .setOutboxBacklog(t.getItem2().pending())
                            .setOutboxOldestPendingAge(com.google.protobuf.Duration.newBuilder()
                                    .setSeconds(t.getItem2().oldestPendingAge().getSeconds())
                                    .setNanos(t.getItem2().oldestPendingAge().getNano()))
                            .setOutboxQuarantined(t.getItem2().quarantined());
                    Map<String, Long> lags = t.getItem3();
                    StuckDetector detector = consumers.detector();
                    consumers.groups().forEach((consumer, group) -> {
                        ConsumerStatus.Builder status = ConsumerStatus.newBuilder().setName(consumer).setGroupId(group)
                                .setLag(lags.getOrDefault(group, -1L)).setStuck(detector.isStuck(consumer));
                        detector.streak(consumer).ifPresent(streak -> status
                                .setFailingSince(Timestamps.of(streak.since())).setLastError(streak.lastError()));
                        info.addConsumers(status);
                    });
                    return info.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }
}
