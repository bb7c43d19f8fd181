package io.opsplane.security.secretstore;

import io.opsplane.platform.access.Scope;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.MasterKeyRotated;
import io.opsplane.security.domain.SecretDataKeyRow;
import io.opsplane.security.secrets.KeyRing;
import io.opsplane.security.secrets.Rotation;
import io.opsplane.security.secrets.SecretCryptoException;
import io.opsplane.security.secrets.WrappedDataKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Moves every data key onto the current master key, in short transactions of {@value #BATCH} keys, so no
 * secret is locked for long. Reads go on throughout: a data key opens under the previous master key until
 * its row is rewrapped, and under the current one after. Sealed values are never touched.
 *
 * <p>Run it once every instance runs with the new master key as current and the old one among the previous
 * keys; then the old key can leave the configuration. Running it again is harmless.
 */
@ApplicationScoped
public class MasterKeyRotator {

    static final int BATCH = 100;

    /** The outcome: the current key's id, the keys moved by this call, and all data keys now. */
    public record Result(String keyId, int rewrapped, long dataKeys) {
    }

    @Inject
    MasterKeyRing keys;

    @Inject
    Outbox outbox;

    public Uni<Result> rotate(CallerIdentity caller) {
        if (!caller.authority().holdsThroughout("secrets:rotate", Scope.GLOBAL)) {
            throw DomainException.permissionDenied("rotating the master key needs secrets:rotate globally");
        }
        KeyRing ring = keys.ring();
        String keyId = ring.current().keyId();
        return rewrapFrom(ring, 0)
                .flatMap(rewrapped -> outbox.inTransaction(() -> SecretDataKeyRow.count()
                        .flatMap(total -> outbox.record(keyId, MasterKeyRotated.newBuilder().setKeyId(keyId)
                                .setRewrapped(rewrapped).setRotatedBy(caller.subject()).build())
                                .replaceWith(new Result(keyId, rewrapped, total)))))
                .onFailure(SecretCryptoException.class).transform(SecretStore::unreadable);
    }

    /** Rewraps batches until no data key is left under another master key; the number rewrapped. */
    private Uni<Integer> rewrapFrom(KeyRing ring, int doneSoFar) {
        String current = ring.current().keyId();
        return Panache.withTransaction(() -> SecretDataKeyRow.<SecretDataKeyRow>find(
                "masterKeyId <> ?1 order by id", current).page(0, BATCH).list()
                .flatMap(rows -> rewrapAll(rows, ring).map(updated -> new Batch(rows.size(), updated))))
                .flatMap(batch -> batch.found() < BATCH ? Uni.createFrom().item(doneSoFar + batch.updated())
                        : rewrapFrom(ring, doneSoFar + batch.updated()));
    }

    /** Keys found under another master key, and how many of them this call rewrapped. */
    private record Batch(int found, int updated) {
    }

    private static Uni<Integer> rewrapAll(List<SecretDataKeyRow> rows, KeyRing ring) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        Instant now = Instant.now();
        for (SecretDataKeyRow row : rows) {
            chain = chain.flatMap(updatedSoFar -> {
                WrappedDataKey rewrapped = Rotation.rewrap(DataKeyStore.wrapped(row), ring);
                // Only if nobody rewrapped or deleted it meanwhile; either way it is no longer under the old key.
                return SecretDataKeyRow.update("masterKeyId = ?1, nonce = ?2, ciphertext = ?3, rewrappedAt = ?4 "
                        + "where id = ?5 and masterKeyId = ?6", rewrapped.masterKeyId(), rewrapped.nonce(),
                        rewrapped.ciphertext(), now, row.id, row.masterKeyId).map(count -> updatedSoFar + count);
            });
        }
        return chain;
    }
}
