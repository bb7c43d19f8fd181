package io.opsplane.security.service;

import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.TokenIssued;
import io.opsplane.proto.events.v1.TokenRevoked;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.token.TokenPolicy;
import io.opsplane.security.token.TokenSecrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issuing, verifying and revoking API tokens. */
@ApplicationScoped
public class TokenService {

    /** One answer for every bad token, so a caller learns nothing about which part was wrong. */
    static final String INVALID_TOKEN = "the token is missing, unknown, expired or revoked";

    /** A token and its secret, which exists only in this value. */
    public record Issued(ApiToken token, String secret) {
    }

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "opsplane.security.default-ttl")
    Duration defaultTtl;

    @ConfigProperty(name = "opsplane.security.max-ttl")
    Duration maxTtl;

    public Uni<ApiToken> authenticate(String secret) {
        if (!TokenSecrets.isWellFormed(secret)) {
            return Uni.createFrom().failure(DomainException.unauthenticated(INVALID_TOKEN));
        }
        String hash = TokenSecrets.hash(secret);
        return Panache.withSession(() -> ApiToken.findBySecretHash(hash)).map(token -> {
            if (token == null || !token.isActiveAt(Instant.now())) {
                throw DomainException.unauthenticated(INVALID_TOKEN);
            }
            return token;
        });
    }

    public Uni<Issued> issue(String callerSecret, String name, String subject, List<String> roles, long ttlSeconds) {
        return authenticateAdmin(callerSecret).flatMap(caller -> {
            String checkedName = TokenPolicy.checkName("name", name);
            String checkedSubject = TokenPolicy.checkName("subject", subject);
            List<String> checkedRoles = TokenPolicy.checkRoles(roles);
            Duration ttl = new TokenPolicy(defaultTtl, maxTtl).ttl(ttlSeconds);
            return outbox.inTransaction(() -> create(checkedName, checkedSubject, checkedRoles, ttl, caller.subject,
                    TokenSecrets.generate()));
        });
    }

    public Uni<ApiToken> revoke(String callerSecret, String tokenId) {
        return authenticateAdmin(callerSecret).flatMap(caller -> outbox.inTransaction(
                () -> ApiToken.<ApiToken>findById(tokenId == null ? "" : tokenId).flatMap(token -> {
                    if (token == null) {
                        throw DomainException.notFound("no token with id '" + tokenId + "'");
                    }
                    if (token.revokedAt != null) {
                        return Uni.createFrom().item(token);
                    }
                    token.revoke(Instant.now());
                    return outbox.record(token.id, TokenRevoked.newBuilder().setTokenId(token.id)
                            .setRevokedBy(caller.subject).build()).replaceWith(token);
                })));
    }

    /** Inside a transaction: stores a token for {@code secret} and records its TokenIssued event. */
    Uni<Issued> create(String name, String subject, List<String> roles, Duration ttl, String createdBy,
            String secret) {
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID().toString();
        token.name = name;
        token.subject = subject;
        token.roles = String.join(",", roles);
        token.secretHash = TokenSecrets.hash(secret);
        token.createdAt = Instant.now();
        token.expiresAt = token.createdAt.plus(ttl);
        token.createdBy = createdBy;
        TokenIssued event = TokenIssued.newBuilder().setTokenId(token.id).setName(name).setSubject(subject)
                .addAllRoles(roles).setExpiresAt(Timestamps.of(token.expiresAt)).setIssuedBy(createdBy).build();
        return token.<ApiToken>persist().flatMap(saved -> outbox.record(saved.id, event)).replaceWith(new Issued(token, secret));
    }

    private Uni<ApiToken> authenticateAdmin(String callerSecret) {
        return authenticate(callerSecret).map(caller -> {
            if (!caller.hasRole(TokenPolicy.ADMIN)) {
                throw DomainException.permissionDenied("managing tokens needs the admin role");
            }
            return caller;
        });
    }

}
