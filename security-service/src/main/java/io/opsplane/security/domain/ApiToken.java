package io.opsplane.security.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API token. The secret itself is never stored, only its hash. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String subject;

    /** The token's bindings, comma-separated {@code role@scope} ({@code role} alone: global); see TokenBindings. */
    @Column(nullable = false)
    public String roles;

    @Column(name = "secret_hash", nullable = false, unique = true)
    public String secretHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** {@code token} for people and bots, {@code service} for the platform's own components. */
    @Column(nullable = false)
    public String kind = "token";

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public static Uni<ApiToken> findBySecretHash(String hash) {
        return find("secretHash", hash).firstResult();
    }

    public static Uni<Long> countActiveWithRole(String role, Instant now) {
        return count("revokedAt is null and expiresAt > ?1 and (roles = ?2 or roles like ?3 or roles like ?4 or roles like ?5)",
                now, role, role + ",%", "%," + role, "%," + role + ",%");
    }
}
