package io.opsplane.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.MutinyTokenServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies bearer tokens (API tokens and JWTs) with security-service, authenticated as the gateway
 * itself, and remembers the answer (the principal with its signed assertion) briefly, keyed by the token's
 * hash: a verified token for {@code cache-ttl} (never past its expiry), a refused one for
 * {@code negative-cache-ttl}. A revocation evicts the token at once: on this gateway when it serves
 * the revocation, on every gateway when {@code TokenRevoked} arrives through {@link RevocationFeed};
 * while that feed is not live, accepted tokens are not cached at all. An unreachable
 * security-service is not an answer: nothing is cached and the call fails with 503.
 */
@ApplicationScoped
public class TokenAuthenticator {

    private record Verdict(Principal principal, Instant until) {
    }

    @GrpcClient("tokens")
    MutinyTokenServiceGrpc.MutinyTokenServiceStub tokens;

    @ConfigProperty(name = "opsplane.gateway.auth.call-timeout")
    Duration callTimeout;

    @ConfigProperty(name = "opsplane.gateway.auth.cache-ttl")
    Duration cacheTtl;

    @ConfigProperty(name = "opsplane.gateway.auth.negative-cache-ttl")
    Duration negativeCacheTtl;

    @ConfigProperty(name = "opsplane.gateway.auth.cache-size")
    long cacheSize;

    @jakarta.inject.Inject
    RevocationFeed revocations;

    @jakarta.inject.Inject
    GatewayIdentity identity;

    private Cache<String, Verdict> verdicts;

    @PostConstruct
    void init() {
        verdicts = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** @param sourceAddress the client's address, recorded by security-service when this use is a sign-in */
    public Uni<Principal> authenticate(String token, String sourceAddress) {
        String key = hash(token);
        Verdict cached = verdicts.getIfPresent(key);
        Instant now = Instant.now();
        if (cached != null && now.isBefore(cached.until())) {
            if (cached.principal() == null) {
                return refused();
            }
            if (revocations.isLive()) {
                return Uni.createFrom().item(cached.principal());
            }
        }
        return Uni.createFrom().deferred(() -> io.quarkus.grpc.GrpcClientUtils.attachHeaders(tokens, identity.ownCredentials())
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .authenticate(AuthenticateRequest.newBuilder().setToken(token).setSourceAddress(sourceAddress).build()))
                .invoke(principal -> {
                    if (revocations.isLive()) {
                        verdicts.put(key, new Verdict(principal, earliest(now.plus(cacheTtl),
                                Instant.ofEpochSecond(principal.getExpiresAt().getSeconds()))));
                    }
                })
                .onFailure(TokenAuthenticator::isRefusal)
                .invoke(refusal -> verdicts.put(key, new Verdict(null, now.plus(negativeCacheTtl))));
    }

    /** Forgets a revoked token: its next call asks security-service, which refuses it. */
    public void evictToken(String tokenId) {
        verdicts.asMap().values().removeIf(v -> v.principal() != null && v.principal().getTokenId().equals(tokenId));
    }

    /**
     * Forgets every accepted token: the revocation feed was interrupted and may have missed some, or
     * a role or binding changed what tokens may do.
     */
    public void forgetAccepted() {
        verdicts.asMap().values().removeIf(v -> v.principal() != null);
    }

    private static Uni<Principal> refused() {
        return Uni.createFrom().failure(Status.UNAUTHENTICATED
                .withDescription("the token is missing, unknown, expired or revoked").asRuntimeException());
    }

    private static boolean isRefusal(Throwable failure) {
        return failure instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String hash(String token) {
        return io.opsplane.platform.crypto.Sha256.hex(token);
    }
}
