package io.opsplane.platform.auth;

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
 * {@code opsplane.auth.cache-ttl}, never past the token's expiry; refused for the same time.
 * <p>
 * An accepted token whose answer is older than the TTL is still let in for up to
 * {@code opsplane.auth.stale-if-unavailable} more, while the answer is refreshed in the background: a
 * busy or briefly unreachable security-service must not fail a runner's heartbeats or a service's calls
 * for a token it accepted seconds ago. A refresh that is refused takes effect at once, so a revoked token
 * is let in at most one TTL plus one round trip after its revocation. A token never seen, or seen longer
 * ago than both windows, waits for security-service; when that is unreachable the call fails UNAVAILABLE.
 */
@DefaultBean
@ApplicationScoped
public class RemoteAuthenticator implements Authenticator {

    @GrpcClient("tokens")
    MutinyTokenServiceGrpc.MutinyTokenServiceStub tokens;

    @jakarta.inject.Inject
    ServiceCredentials credentials;

    @ConfigProperty(name = "opsplane.auth.cache-ttl", defaultValue = "5s")
    Duration cacheTtl;

    @ConfigProperty(name = "opsplane.auth.stale-if-unavailable", defaultValue = "30s")
    Duration staleIfUnavailable;

    @ConfigProperty(name = "opsplane.auth.call-timeout", defaultValue = "2s")
    Duration callTimeout;

    private TokenVerdicts<Principal> verdicts;
    private final java.util.Set<String> refreshing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        verdicts = new TokenVerdicts<>(cacheTtl, staleIfUnavailable, 10_000);
    }

    @Override
    public Uni<Principal> authenticate(String bearerToken) {
        String key = Sha256.hex(bearerToken);
        TokenVerdicts.Lookup<Principal> cached = verdicts.lookup(key, Instant.now());
        return switch (cached.use()) {
            case ACCEPT -> Uni.createFrom().item(cached.principal().orElseThrow());
            case REFUSE -> refused();
            case ACCEPT_AND_REFRESH -> {
                refreshInBackground(key, bearerToken);
                yield Uni.createFrom().item(cached.principal().orElseThrow());
            }
            case ASK -> ask(key, bearerToken, Instant.now());
        };
    }

    private void refreshInBackground(String key, String bearerToken) {
        if (refreshing.add(key)) {
            ask(key, bearerToken, Instant.now()).subscribe().with(
                    principal -> refreshing.remove(key),
                    failure -> refreshing.remove(key));
        }
    }

    /** One question to security-service; its answer (not its unavailability) replaces what was cached. */
    private Uni<Principal> ask(String key, String bearerToken, Instant now) {
        return credentials.call("to verify callers with", metadata -> io.quarkus.grpc.GrpcClientUtils
                .attachHeaders(tokens, metadata).withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .authenticate(AuthenticateRequest.newBuilder().setToken(bearerToken).build()))
                .invoke(principal -> verdicts.accepted(key, principal, now,
                        Instant.ofEpochSecond(principal.getExpiresAt().getSeconds())))
                .onFailure(RemoteAuthenticator::isRefusal)
                .invoke(refusal -> verdicts.refused(key, now));
    }

    private static Uni<Principal> refused() {
        return Uni.createFrom().failure(Status.UNAUTHENTICATED
                .withDescription("the token is missing, unknown, expired or revoked").asRuntimeException());
    }

    private static boolean isRefusal(Throwable failure) {
        return failure instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
    }
}
