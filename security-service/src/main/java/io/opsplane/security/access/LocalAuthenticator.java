package io.opsplane.security.access;

import io.grpc.Status;
import io.opsplane.platform.auth.Authenticator;
import io.opsplane.platform.auth.TokenVerdicts;
import io.opsplane.platform.crypto.Sha256;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.security.service.TokenService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * security-service verifies the tokens presented to it itself, with no call to itself. Each answer is remembered
 * for {@code opsplane.auth.cache-ttl}, as every other service does, and only while the roles and bindings it was
 * decided with are still the ones in force: a principal costs a token lookup and an Ed25519 signature, and every
 * other service presents its own token with each Authenticate call. A revocation made here forgets them all.
 */
@ApplicationScoped
public class LocalAuthenticator implements Authenticator {

    /** A principal and the access view it was decided with. */
    private record Held(Principal principal, AccessBook.Snapshot decidedWith) {
    }

    @Inject
    TokenService tokens;

    @Inject
    AccessBook book;

    @ConfigProperty(name = "opsplane.auth.cache-ttl", defaultValue = "5s")
    Duration cacheTtl;

    private TokenVerdicts<Held> verdicts;

    @PostConstruct
    void init() {
        verdicts = new TokenVerdicts<>(cacheTtl, Duration.ZERO, 10_000);
    }

    @Override
    public Uni<Principal> authenticate(String bearerToken) {
        String key = Sha256.hex(bearerToken);
        Instant now = Instant.now();
        TokenVerdicts.Lookup<Held> cached = verdicts.lookup(key, now);
        Optional<AccessBook.Snapshot> inForce = book.fresh();
        if (cached.use() == TokenVerdicts.Use.REFUSE) {
            return Uni.createFrom().failure(Status.UNAUTHENTICATED
                    .withDescription("the token is missing, unknown, expired or revoked").asRuntimeException());
        }
        if (cached.use() == TokenVerdicts.Use.ACCEPT && inForce.isPresent()
                && cached.principal().orElseThrow().decidedWith() == inForce.get()) {
            return Uni.createFrom().item(cached.principal().orElseThrow().principal());
        }
        return Panache.withSession(() -> tokens.principal(bearerToken, "")).invoke(principal -> {
            book.fresh().ifPresent(snapshot -> verdicts.accepted(key, new Held(principal, snapshot), now,
                    Instant.ofEpochSecond(principal.getExpiresAt().getSeconds())));
        }).onFailure(LocalAuthenticator::isRefusal).invoke(refusal -> verdicts.refused(key, now));
    }

    /** Forgets every remembered answer, after a token was revoked. */
    public void forgetAll() {
        verdicts.forgetAll();
    }

    private static boolean isRefusal(Throwable failure) {
        return failure instanceof io.opsplane.platform.errors.DomainException e
                && e.kind() == io.opsplane.platform.errors.DomainException.Kind.UNAUTHENTICATED;
    }
}
