package io.opsplane.security.secretstore;

import io.opsplane.security.secrets.KeyRing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells the operator at start which master keys the stored data keys need: an error for keys this instance
 * was not given (their secrets cannot be read until the key is back among the previous keys), a note for
 * previous keys that a rotation can retire. Only key ids and counts are logged.
 */
@ApplicationScoped
public class MasterKeyReport {

    private static final Logger LOG = Logger.getLogger(MasterKeyReport.class);

    @Inject
    MasterKeyRing keys;

    void onStart(@Observes StartupEvent event) {
        List<Object[]> counts;
        try {
            counts = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .flatMap(session -> session.createSelectionQuery("select masterKeyId, count(*) from "
                            + "SecretDataKeyRow group by masterKeyId order by masterKeyId", Object[].class)
                            .getResultList())));
        } catch (Throwable e) {
            // Only a report: the service serves tokens and access decisions without it.
            LOG.warnf("cannot count the data keys per master key: %s", e.getMessage());
            return;
        }
        KeyRing ring = keys.ring();
        for (Object[] row : counts) {
            String keyId = (String) row[0];
            long count = ((Number) row[1]).longValue();
            if (ring.find(keyId).isEmpty()) {
                LOG.errorf("%d data keys are wrapped under master key %s, which is not configured: their secrets "
                        + "cannot be read until it is added to OPSPLANE_MASTER_KEY_PREVIOUS", count, keyId);
            } else if (!keyId.equals(ring.current().keyId())) {
                LOG.infof("%d data keys are still wrapped under previous master key %s; rotate "
                        + "(POST /api/v1/secrets/rotate-master-key) to move them to %s", count, keyId,
                        ring.current().keyId());
            }
        }
    }
}
