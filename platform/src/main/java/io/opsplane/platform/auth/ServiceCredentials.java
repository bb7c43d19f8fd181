package io.opsplane.platform.auth;

import io.grpc.Metadata;
import io.grpc.Status;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.platform.access.OwnToken;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This component's own token ({@code OPSPLANE_SERVICE_TOKEN} or the file {@code OPSPLANE_SERVICE_TOKEN_FILE}
 * names), for the calls it makes on its own behalf. Without one, such a call fails UNAVAILABLE naming what it
 * was for, never goes out unauthenticated.
 */
@ApplicationScoped
public class ServiceCredentials {

    @ConfigProperty(name = "opsplane.service.token")
    Optional<String> tokenValue;

    @ConfigProperty(name = "opsplane.service.token-file")
    Optional<String> tokenFile;

    private Optional<String> token;

    @PostConstruct
    void init() {
        token = OwnToken.resolve(tokenValue, tokenFile).filter(value -> !value.isBlank());
    }

    /** Metadata that authenticates a call as this component; UNAVAILABLE, naming {@code purpose}, without a token. */
    public Metadata metadata(String purpose) {
        if (token.isEmpty()) {
            throw Status.UNAVAILABLE.withDescription("this service has no token of its own (OPSPLANE_SERVICE_TOKEN) "
                    + purpose).asRuntimeException();
        }
        Metadata metadata = new Metadata();
        metadata.put(AuthMetadata.AUTHORIZATION, AuthHeaders.BEARER + token.get());
        return metadata;
    }

    /** {@code call} with this component's credentials, or a failed Uni when it has no token. */
    public <T> Uni<T> call(String purpose, Function<Metadata, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> call.apply(metadata(purpose)));
    }
}
