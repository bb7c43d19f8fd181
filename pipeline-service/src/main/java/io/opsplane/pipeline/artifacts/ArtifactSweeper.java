package io.opsplane.pipeline.artifacts;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.opsplane.platform.timing.Ticker;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Removes expired artifacts: their records, then the blobs no record refers to anymore. A blob stored again
 * within the last hour is kept (an upload of the same content may be about to record it); a later pass takes it.
 */
@ApplicationScoped
public class ArtifactSweeper {

    private static final Logger LOG = Logger.getLogger(ArtifactSweeper.class);
    private static final int BATCH = 500;
    static final Duration GRACE = Duration.ofHours(1);

    @Inject
    Artifacts artifacts;

    @Inject
    ArtifactsConfig config;

    @ConfigProperty(name = "opsplane.pipeline.sweeper.enabled", defaultValue = "true")
    boolean enabled;

    private Ticker ticker;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        ticker = Ticker.start("artifact-sweeper", config.sweepInterval(), () -> sweepOnce(Instant.now()),
                e -> LOG.warnf("sweeping expired artifacts failed, trying again: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /**
     * One pass (blocking; not on an event loop); returns how many blobs were removed. Partial uploads untouched
     * for {@link #GRACE} are removed too (an upload writes at least every few seconds while it lives). Visible for
     * tests.
     */
    public int sweepOnce(Instant now) throws Throwable {
        try {
            int abandoned = artifacts.store().removeAbandonedUploads(now.minus(GRACE));
            if (abandoned > 0) {
                LOG.infof("removed %d abandoned artifact uploads", abandoned);
            }
        } catch (IOException e) {
            LOG.warnf("could not remove abandoned artifact uploads: %s", e.getMessage());
        }
        int removed = 0;
        while (true) {
            Artifacts.Expired expired = VertxContextSupport.subscribeAndAwait(() -> artifacts.removeExpired(now, BATCH));
            for (String sha : expired.orphans()) {
                try {
                    if (artifacts.store().delete(sha, now.minus(GRACE))) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.warnf("could not remove artifact blob %s: %s", sha, e.getMessage());
                }
            }
            if (expired.records() < BATCH) {
                return removed;
            }
        }
    }
}
