package io.opsplane.security.domain;

import io.opsplane.security.secrets.WrappedDataKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A data key as stored: wrapped under the master key {@code masterKeyId}. */
@Entity
@Table(name = "secret_data_key")
public class SecretDataKeyRow extends PanacheEntityBase {

    /** Seals the values of one secret version. */
    public static final String VALUE = "value";
    /** The one key of the fingerprints. */
    public static final String FINGERPRINT = "fingerprint";

    @Id
    public String id;

    @Column(nullable = false)
    public String purpose;

    @Column(name = "master_key_id", nullable = false)
    public String masterKeyId;

    @Column(nullable = false)
    public byte[] nonce;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "rewrapped_at")
    public Instant rewrappedAt;

    public static SecretDataKeyRow of(WrappedDataKey wrapped, String purpose, Instant now) {
        SecretDataKeyRow row = new SecretDataKeyRow();
        row.id = wrapped.id().toString();
        row.purpose = purpose;
        row.masterKeyId = wrapped.masterKeyId();
        row.nonce = wrapped.nonce();
        row.ciphertext = wrapped.ciphertext();
        row.createdAt = now;
        return row;
    }

    public WrappedDataKey toWrapped() {
        return new WrappedDataKey(UUID.fromString(id), masterKeyId, nonce, ciphertext);
    }
}
