package io.opsplane.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.crypto.Sha256;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.MutinyTokenServiceGrpc;
import io.opsplane.proto.security.v1.Principal;
import io.quarkus.arc.DefaultBean;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks security-service about tokens presented directly to this service, with this service's own
 * token, and remembers each answer briefly (keyed by the token's hash): accepted for
 * {@code opsplane.auth.cache-ttl}, never past the token's expiry; refused for the same time. An
 * unreachable security-service is not an answer: nothing is cached and the call fails UNAVAILABLE.
 */
@DefaultBean
@ApplicationScoped
public class RemoteAuthenticator implements Authenticator {

    private record Verdict(Principal principal, Instant until) {
    }

    @GrpcClient("tokens")
    MutinyTokenServiceGrpc.MutinyTokenServiceStub tokens;

    @ConfigProperty(name = "opsplane.service.token")
    java.util.Optional<String> tokenValue;

    @ConfigProperty(name = "opsplane.service.token-file")
    java.util.Optional<String> tokenFile;

    private java.util.Optional<String> ownToken;

    @ConfigProperty(name = "opsplane.auth.cache-ttl", defaultValue = "5s")
    Duration cacheTtl;

    @ConfigProperty(name = "opsplane.auth.call-timeout", defaultValue = "2s")
    Duration callTimeout;

    private Cache<String, Verdict> verdicts;

    @PostConstruct
    void init() {
        verdicts = Caffeine.newBuilder().maximumSize(10_000).build();
        ownToken = io.opsplane.platform.access.OwnToken.resolve(tokenValue, tokenFile);
    }

    @Override
    public Uni<Principal> authenticate(String bearerToken) {
        String key = Sha256.hex(bearerToken);
        Instant now = Instant.now();
        Verdict cached = verdicts.getIfPresent(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.principal() == null ? refused() : Uni.createFrom().item(cached.principal());
        }
        if (ownToken.isEmpty() || ownToken.get().isBlank()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE
                    .withDescription("this service has no token of its own (OPSPLANE_SERVICE_TOKEN) to verify callers with")
                    .asRuntimeException());
        }
        Metadata metadata = new Metadata();
        metadata.put(AuthMetadata.AUTHORIZATION, io.opsplane.platform.access.AuthHeaders.BEARER + ownToken.get());
        return io.quarkus.grpc.GrpcClientUtils.attachHeaders(tokens, metadata)
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .authenticate(AuthenticateRequest.newBuilder().setToken(bearerToken).build())
                .invoke(principal -> verdicts.put(key, new Verdict(principal,
                        earliest(now.plus(cacheTtl), Instant.ofEpochSecond(principal.getExpiresAt().getSeconds())))))
                .onFailure(RemoteAuthenticator::isRefusal)
                .invoke(refusal -> verdicts.put(key, new Verdict(null, now.plus(cacheTtl))));
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
}
