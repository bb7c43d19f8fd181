package io.opsplane.security.ledger;

import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.AuditCheckpointed;
import io.opsplane.security.audit.Checkpoint;
import io.opsplane.security.audit.CheckpointCodec;
import io.opsplane.security.audit.CheckpointKey;
import io.opsplane.security.audit.CheckpointLog;
import io.opsplane.security.audit.CheckpointSigner;
import io.opsplane.security.domain.AuditRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signed checkpoints of the ledger: the newest record's seq and hash, signed (HMAC-SHA256) with a key
 * kept in a file outside the database, appended to a checkpoint file of its own and published as
 * {@code AuditCheckpointed}. Someone who can rewrite the database but not that file cannot truncate
 * or rewrite the ledger up to a checkpoint unnoticed.
 */
@Startup
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    @ConfigProperty(name = "opsplane.security.audit.checkpoint-key-file")
    String keyFile;

    @ConfigProperty(name = "opsplane.security.audit.checkpoint-file")
    String checkpointFile;

    @ConfigProperty(name = "opsplane.security.audit.checkpoint-every", defaultValue = "30s")
    Duration every;

    @Inject
    Outbox outbox;

    private CheckpointSigner signer;
    private CheckpointLog log;
    private volatile Instant lastTaken = Instant.EPOCH;
    private volatile long lastSeq = -1;

    @PostConstruct
    void open() {
        signer = new CheckpointSigner(CheckpointKey.loadOrCreate(Path.of(keyFile)));
        log = new CheckpointLog(Path.of(checkpointFile));
    }

    public CheckpointSigner signer() {
        return signer;
    }

    public CheckpointLog log() {
        return log;
    }

    /** Takes a checkpoint when the last one is older than the interval; called on a worker thread. */
    public void takeIfDue() {
        if (Instant.now().isBefore(lastTaken.plus(every))) {
            return;
        }
        take();
    }

    /** Signs the newest record, unless nothing was appended since the last checkpoint. */
    public synchronized void take() {
        try {
            AuditRow newest = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> AuditRow.<AuditRow>find("order by seq desc").firstResult()));
            lastTaken = Instant.now();
            if (newest == null || newest.seq == lastSeq) {
                return;
            }
            Checkpoint checkpoint = signer.sign(newest.seq, newest.hash, Instant.now());
            log.append(checkpoint);
            lastSeq = newest.seq;
            VertxContextSupport.subscribeAndAwait(() -> outbox.inTransaction(() -> outbox.record("audit",
                    AuditCheckpointed.newBuilder().setSeq(checkpoint.seq()).setHash(checkpoint.hash())
                            .setKeyId(checkpoint.keyId()).setCheckpoint(CheckpointCodec.encode(checkpoint)).build())));
        } catch (Throwable e) {
            LOG.errorf(e, "audit checkpoint failed; the next batch tries again");
        }
    }
}
