package io.opsplane.platform.auth;

import io.opsplane.proto.security.v1.Principal;
import io.smallrye.mutiny.Uni;

/**
 * Verifies a bearer token (an API token or a JWT) presented directly to a service. security-service
 * verifies its own; every other service asks security-service ({@link RemoteAuthenticator}).
 * Fails with UNAUTHENTICATED for a token that is not accepted.
 */
public interface Authenticator {

    /** The principal with its signed assertion. */
    Uni<Principal> authenticate(String bearerToken);
}
