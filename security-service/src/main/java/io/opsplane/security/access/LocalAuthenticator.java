package io.opsplane.security.access;

import io.opsplane.platform.auth.Authenticator;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.security.service.TokenService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** security-service verifies the tokens presented to it itself, with no call to itself. */
@ApplicationScoped
public class LocalAuthenticator implements Authenticator {

    @Inject
    TokenService tokens;

    @Override
    public Uni<Principal> authenticate(String bearerToken) {
        return Panache.withSession(() -> tokens.principal(bearerToken, ""));
    }
}
