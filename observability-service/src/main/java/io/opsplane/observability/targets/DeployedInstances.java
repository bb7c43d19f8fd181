package io.opsplane.observability.targets;

import io.opsplane.observability.discovery.DeployedInstance;
import io.opsplane.observability.discovery.ScrapeTargets;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.events.v1.InstanceStarted;
import io.opsplane.proto.events.v1.InstanceStopped;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The application instances deploy-service runs, kept from its events in the timeline consumer's transaction, and
 * read back for the metrics store's discovery. deploy-service's local target runs them beside itself, so their host
 * is deploy-service's.
 */
@ApplicationScoped
public class DeployedInstances {

    @Inject
    Pool pool;

    /** Records a started (or restarted, or re-adopted) instance; the latest start wins. */
    public Uni<Void> started(InstanceStarted event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO deployed_instance (instance, application, environment, version, track, port, started_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (instance) DO UPDATE SET application = EXCLUDED.application,
                    environment = EXCLUDED.environment, version = EXCLUDED.version, track = EXCLUDED.track,
                    port = EXCLUDED.port, started_at = EXCLUDED.started_at""")
                .setParameter(1, event.getInstance()).setParameter(2, event.getApplication())
                .setParameter(3, event.getEnvironment()).setParameter(4, event.getRef().getVersion())
                .setParameter(5, event.getTrack()).setParameter(6, event.getPort())
                .setParameter(7, Timestamps.toInstant(event.getStartedAt()).atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> stopped(InstanceStopped event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM deployed_instance WHERE instance = ?1").setParameter(1, event.getInstance())
                .executeUpdate()).replaceWithVoid();
    }

    /** One target group per instance, on {@code host}. */
    public Uni<List<ScrapeTargets.TargetGroup>> groups(String host) {
        return pool.query("SELECT instance, application, environment, version, track, port FROM deployed_instance "
                + "ORDER BY application, environment, instance").execute().map(rows -> {
                    List<ScrapeTargets.TargetGroup> groups = new ArrayList<>();
                    for (var row : rows) {
                        groups.add(new DeployedInstance(row.getString(0), row.getString(1), row.getString(2),
                                row.getString(3), row.getString(4), host, row.getInteger(5)).group());
                    }
                    return groups;
                });
    }
}
