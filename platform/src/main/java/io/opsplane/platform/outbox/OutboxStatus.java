package io.opsplane.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How the outbox is draining: pending rows, the age of the oldest, quarantined rows. The same reading
 * feeds readiness, ServiceInfo and three gauges, refreshed every few seconds off the request path
 * (a metrics scrape never waits for the database).
 */
@ApplicationScoped
public class OutboxStatus {

    /** A reading of the outbox at one moment. */
    public record Snapshot(long pending, Duration oldestPendingAge, long quarantined) {
    }

    private static final String QUERY = """
            SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND quarantined_at IS NULL),
                   (SELECT event_time FROM outbox_event WHERE published_at IS NULL AND quarantined_at IS NULL
                    ORDER BY id LIMIT 1),
                   (SELECT count(*) FROM outbox_event
                    WHERE published_at IS NULL AND quarantined_at IS NOT NULL AND discarded_at IS NULL)""";

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong oldestSeconds = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong quarantined = new java.util.concurrent.atomic.AtomicLong();

    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        registry.gauge("opsplane.outbox.pending", pending);
        registry.gauge("opsplane.outbox.oldest.pending.age.seconds", oldestSeconds);
        registry.gauge("opsplane.outbox.quarantined", quarantined);
        vertx.setPeriodic(5_000, id -> snapshot().subscribe().with(snapshot -> {
            pending.set(snapshot.pending());
            oldestSeconds.set(snapshot.oldestPendingAge().toSeconds());
            quarantined.set(snapshot.quarantined());
        }, failure -> { }));
    }

    public Uni<Snapshot> snapshot() {
        return pool.query(QUERY).execute().map(rows -> {
            var row = rows.iterator().next();
            OffsetDateTime oldest = row.getOffsetDateTime(1);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
            return new Snapshot(row.getLong(0), age.isNegative() ? Duration.ZERO : age, row.getLong(2));
        });
    }
}
