package io.opsplane.pipeline.sources;

import io.opsplane.platform.timing.Ticker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets webhook delivery ids after {@code opsplane.pipeline.webhooks.delivery-retention} (30 days): they are kept
 * so that a replayed delivery starts no second run, and the table would otherwise grow with every push. A delivery
 * replayed after that window is treated as new.
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);
    private static final int BATCH = 5_000;

    @ConfigProperty(name = "opsplane.pipeline.webhooks.delivery-retention", defaultValue = "P30D")
    Duration retention;

    @ConfigProperty(name = "opsplane.pipeline.sweeper.enabled", defaultValue = "true")
    boolean enabled;

    private Ticker ticker;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        ticker = Ticker.start("delivery-retention", Duration.ofHours(1), () -> forgetOnce(Instant.now()),
                e -> LOG.warnf("forgetting old webhook deliveries failed, trying again: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Removes the deliveries received before {@code now} minus the retention; returns how many. Blocking. */
    public int forgetOnce(Instant now) throws Throwable {
        OffsetDateTime before = OffsetDateTime.ofInstant(now.minus(retention), ZoneOffset.UTC);
        int removed = 0;
        while (true) {
            int batch = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .flatMap(session -> session.createNativeQuery("DELETE FROM webhook_delivery WHERE ctid IN "
                            + "(SELECT ctid FROM webhook_delivery WHERE received_at < :before LIMIT " + BATCH + ")")
                            .setParameter("before", before).executeUpdate())));
            removed += batch;
            if (batch < BATCH) {
                return removed;
            }
        }
    }
}
