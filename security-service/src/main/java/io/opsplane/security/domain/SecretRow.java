package io.opsplane.security.domain;

import io.opsplane.security.secrets.SecretIdentity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest version of a stored secret: its value only as {@code sealedValue} (a packed
 * {@link io.opsplane.security.secrets.SealedValue}), opened with the data key {@code dataKeyId}.
 */
@Entity
@Table(name = "secret")
public class SecretRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int version;

    @Column(name = "sealed_value", nullable = false)
    public byte[] sealedValue;

    @Column(name = "data_key_id", nullable = false)
    public String dataKeyId;

    @Column(nullable = false)
    public String fingerprint;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Uni<SecretRow> findByScopeAndName(String scope, String name) {
        return find("scope = ?1 and name = ?2", scope, name).firstResult();
    }

    /** What the sealed value is bound to. */
    public SecretIdentity identity() {
        return new SecretIdentity(scope, name, version);
    }

    /** The key of its events: {@code <scope>/<name>}. */
    public String eventKey() {
        return scope + "/" + name;
    }
}
