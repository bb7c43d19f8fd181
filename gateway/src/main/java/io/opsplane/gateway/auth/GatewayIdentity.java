package io.opsplane.gateway.auth;

import io.grpc.Metadata;
import io.grpc.Status;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.MutinyTokenServiceGrpc;
import io.opsplane.proto.security.v1.Principal;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's own identity, {@code service:gateway}: its token (OPSPLANE_SERVICE_TOKEN) authenticates
 * its calls to security-service, and its principal assertion, renewed every
 * {@code opsplane.gateway.identity-refresh}, tells the services which component relays a caller.
 */
@ApplicationScoped
public class GatewayIdentity {

    private record Held(String assertion, Instant renewAfter) {
    }

    @GrpcClient("tokens")
    MutinyTokenServiceGrpc.MutinyTokenServiceStub tokens;

    @ConfigProperty(name = "opsplane.service.token")
    Optional<String> tokenValue;

    @ConfigProperty(name = "opsplane.service.token-file")
    Optional<String> tokenFile;

    private Optional<String> token;

    @jakarta.annotation.PostConstruct
    void readToken() {
        token = io.opsplane.platform.access.OwnToken.resolve(tokenValue, tokenFile);
    }

    @ConfigProperty(name = "opsplane.gateway.identity-refresh", defaultValue = "PT60S")
    Duration refresh;

    @ConfigProperty(name = "opsplane.gateway.auth.call-timeout")
    Duration callTimeout;

    private volatile Held held;

    /** Metadata that authenticates a call of the gateway itself to security-service. */
    public Metadata ownCredentials() {
        if (token.isEmpty() || token.get().isBlank()) {
            throw Status.UNAVAILABLE.withDescription("the gateway has no token of its own (OPSPLANE_SERVICE_TOKEN)")
                    .asRuntimeException();
        }
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(AuthHeaders.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token.get());
        return metadata;
    }

    /** The gateway's current principal assertion. */
    public Uni<String> assertion() {
        Held current = held;
        if (current != null && Instant.now().isBefore(current.renewAfter())) {
            return Uni.createFrom().item(current.assertion());
        }
        return Uni.createFrom().deferred(() -> GrpcClientUtils.attachHeaders(tokens, ownCredentials())
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .authenticate(AuthenticateRequest.newBuilder().setToken(token.get()).build()))
                .map(Principal::getAssertion)
                .invoke(assertion -> held = new Held(assertion, Instant.now().plus(refresh)));
    }
}
