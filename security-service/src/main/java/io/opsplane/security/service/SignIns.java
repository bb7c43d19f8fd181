package io.opsplane.security.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.AuditRecorded;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.jwt.VerifiedJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-ins in the audit ledger. A token is checked on every cache miss of every service, far too often to record
 * each check; a sign-in is the first use of an API token after {@code opsplane.security.sign-in-gap} without one
 * (decided by a conditional update of its last use, so two instances never both record it), and the first time
 * this instance sees a given identity provider token.
 */
@ApplicationScoped
public class SignIns {

    static final String METHOD = "opsplane.security.v1.TokenService/Authenticate";

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "opsplane.security.sign-in-gap")
    Duration signInGap;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private Cache<String, Boolean> seenJwts;

    @PostConstruct
    void init() {
        seenJwts = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(signInGap).build();
    }

    /**
     * Inside a session: notes the token's use (to the minute) and, when it is a sign-in, records it in the same
     * transaction.
     */
    Uni<Void> tokenUsed(ApiToken token, String sourceAddress) {
        Instant now = Instant.now();
        if (token.lastUsedAt != null && token.lastUsedAt.isAfter(now.minusSeconds(60))) {
            return Uni.createFrom().voidItem();
        }
        return outbox.inTransaction(() -> ApiToken.update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null "
                + "or lastUsedAt < ?3)", now, token.id, now.minus(signInGap)).flatMap(signedIn -> signedIn == 1
                        ? record(token.subject, token.id, sourceAddress, "signed in with API token '" + token.name
                                + "'", now)
                        : ApiToken.update("lastUsedAt = ?1 where id = ?2", now, token.id).replaceWithVoid()));
    }

    /** Records the first sight of an identity provider token on this instance. */
    Uni<Void> jwtUsed(VerifiedJwt jwt, String sourceAddress) {
        if (seenJwts.asMap().putIfAbsent(jwt.tokenId(), Boolean.TRUE) != null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> outbox.inTransaction(() -> record(jwt.subject(), jwt.tokenId(),
                sourceAddress, "signed in with an identity provider token", Instant.now())));
    }

    private Uni<Void> record(String subject, String tokenId, String sourceAddress, String summary, Instant now) {
        AuditRecorded record = AuditRecorded.newBuilder().setSubject(subject).setTokenId(tokenId)
                .setSourceAddress(sourceAddress == null ? "" : sourceAddress).setService(service).setMethod(METHOD)
                .setPermission("tokens:authenticate").setResource("token:" + tokenId).setSummary(summary)
                .setOutcome("succeeded").setStatus("OK").setOccurredAt(Timestamps.of(now)).build();
        return outbox.record(subject, record).replaceWithVoid();
    }
}
