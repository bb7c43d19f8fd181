package io.opsplane.platform.grpc;

import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.kafka.DeadLetters;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every service's self-description over gRPC: name, version, schema, topics and outbox backlog. */
@GrpcService
public class ServiceInfoGrpcService implements ServiceInfoService {

    private static final String STATE = """
            SELECT (SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1),
                   (SELECT count(*) FROM outbox_event WHERE published_at IS NULL)""";

    @Inject
    Pool pool;

    @Inject
    DeadLetters deadLetters;

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
        return pool.query(STATE).execute().map(rows -> {
            var row = rows.iterator().next();
            String schema = row.getString(0);
            return ServiceInfo.newBuilder().setName(name).setVersion(version).setStartedAt(Timestamps.of(startedAt))
                    .setSchemaVersion(schema == null ? "" : schema)
                    .setEventsTopic(EventCatalog.topicOf(name.replace("-service", "")))
                    .setDeadLetterTopic(deadLetters.topic())
                    .setOutboxBacklog(row.getLong(1)).build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }
}
