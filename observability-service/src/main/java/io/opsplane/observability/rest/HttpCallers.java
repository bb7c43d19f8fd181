package io.opsplane.observability.rest;

import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.auth.Authenticator;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.auth.PrincipalKey;
import io.opsplane.proto.security.v1.Principal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The caller of an HTTP request to this service, verified as the gRPC admission verifies one: a bearer token
 * (checked by security-service), or a principal assertion relayed by a platform service. Fails with
 * {@link Refused} (401 or 403) otherwise.
 */
@ApplicationScoped
public class HttpCallers {

    @Inject
    Authenticator authenticator;

    @Inject
    PrincipalKey principalKey;

    /** A caller that was not let in, with the HTTP status to answer. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The verified caller, who must hold {@code permission} at some scope. */
    public Uni<CallerIdentity> require(HttpServerRequest request, String permission) {
        return Uni.createFrom().deferred(() -> identify(request)).map(caller -> {
            if (!caller.authority().holdsAnywhere(permission)) {
                throw new Refused(403, "no role of " + caller.subject() + " grants " + permission);
            }
            return caller;
        });
    }

    private Uni<CallerIdentity> identify(HttpServerRequest request) {
        String source = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        String assertion = request.getHeader(AuthHeaders.PRINCIPAL);
        if (assertion != null) {
            try {
                Instant now = Instant.now();
                Principal principal = PrincipalAssertions.verify(assertion, principalKey.get(), now);
                String relayedBy = request.getHeader(AuthHeaders.RELAYED_BY);
                String relay = "";
                if (relayedBy != null) {
                    Principal service = PrincipalAssertions.verify(relayedBy, principalKey.get(), now);
                    if (!Principals.KIND_SERVICE.equals(service.getKind())) {
                        throw new Refused(401, "only a service relays calls");
                    }
                    relay = service.getSubject();
                } else if (!Principals.KIND_SERVICE.equals(principal.getKind())) {
                    throw new Refused(401, "a relayed caller needs the relaying service's assertion");
                }
                return Uni.createFrom().item(CallerIdentity.of(principal, relay, source));
            } catch (PrincipalAssertions.InvalidAssertionException e) {
                return Uni.createFrom().failure(new Refused(401, e.getMessage()));
            }
        }
        String token = AuthHeaders.bearerToken(request.getHeader(AuthHeaders.AUTHORIZATION));
        if (token.isEmpty() || token.length() > 8192) {
            return Uni.createFrom().failure(new Refused(401,
                    "this call needs a token: Authorization: Bearer <token>"));
        }
        return authenticator.authenticate(token).map(principal -> CallerIdentity.of(principal, "", source))
                .onFailure(failure -> !(failure instanceof Refused)).transform(failure -> {
                    if (failure instanceof io.grpc.StatusRuntimeException e
                            && e.getStatus().getCode() == io.grpc.Status.Code.UNAUTHENTICATED) {
                        return new Refused(401, "the token is missing, unknown, expired or revoked");
                    }
                    return new Refused(503, "caller verification is unavailable; try again shortly");
                });
    }
}
