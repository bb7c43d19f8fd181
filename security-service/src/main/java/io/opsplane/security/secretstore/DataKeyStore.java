package io.opsplane.security.secretstore;

import io.opsplane.security.domain.SecretDataKeyRow;
import io.opsplane.security.secrets.DataKey;
import io.opsplane.security.secrets.KeyWrapper;
import io.opsplane.security.secrets.SecretCryptoException;
import io.opsplane.security.secrets.WrappedDataKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Data keys in the database, wrapped under the current master key when stored and unwrapped with the key
 * ring when used. Call inside a transaction. Every {@link DataKey} handed out must be closed by the caller.
 */
@ApplicationScoped
public class DataKeyStore {

    /** Serialises the creation of the fingerprint key across instances (pg_advisory_xact_lock namespace). */
    static final int LOCK_NAMESPACE = 0x5ec7;
    private static final int FINGERPRINT_LOCK = 0;

    @Inject
    MasterKeyRing keys;

    /** Wraps {@code key} under the current master key and adds it to the transaction. */
    public Uni<SecretDataKeyRow> store(DataKey key, String purpose, Instant now) {
        SecretDataKeyRow row = SecretDataKeyRow.of(KeyWrapper.wrap(key, keys.ring().current()), purpose, now);
        return row.persist();
    }

    /**
     * The data key {@code id}, unwrapped.
     *
     * @throws SecretCryptoException (as the failure) when it is missing or does not unwrap
     */
    public Uni<DataKey> open(String id) {
        return SecretDataKeyRow.<SecretDataKeyRow>findById(id).map(row -> {
            if (row == null) {
                throw new SecretCryptoException("data key " + id + " is missing");
            }
            return KeyWrapper.unwrap(wrapped(row), keys.ring());
        });
    }

    /** The fingerprint key, unwrapped; created on first use. */
    public Uni<DataKey> fingerprintKey() {
        return findFingerprintKey().flatMap(found -> found != null ? Uni.createFrom().item(found)
                : lock(FINGERPRINT_LOCK).flatMap(locked -> findFingerprintKey()).flatMap(again -> again != null
                        ? Uni.createFrom().item(again)
                        : createFingerprintKey()))
                .map(row -> KeyWrapper.unwrap(wrapped(row), keys.ring()));
    }

    /** Takes a transaction-scoped lock on {@code key} within this store's namespace. */
    static Uni<Object> lock(int key) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", " + key + ")")
                .getSingleResult());
    }

    /** A stored row as the engine's type; a row whose shape was changed is reported like a changed key. */
    static WrappedDataKey wrapped(SecretDataKeyRow row) {
        try {
            return row.toWrapped();
        } catch (IllegalArgumentException e) {
            throw new SecretCryptoException("stored data key " + row.id + " is malformed: " + e.getMessage());
        }
    }

    private static Uni<SecretDataKeyRow> findFingerprintKey() {
        return SecretDataKeyRow.<SecretDataKeyRow>find("purpose", SecretDataKeyRow.FINGERPRINT).firstResult();
    }

    private Uni<SecretDataKeyRow> createFingerprintKey() {
        try (DataKey key = DataKey.generate()) {
            return store(key, SecretDataKeyRow.FINGERPRINT, Instant.now());
        }
    }
}
