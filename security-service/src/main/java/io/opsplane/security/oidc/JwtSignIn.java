package io.opsplane.security.oidc;

import io.opsplane.platform.access.Grant;
import io.opsplane.security.access.AccessBook;
import io.opsplane.security.jwt.JwtRejectedException;
import io.opsplane.security.jwt.JwtVerifier;
import io.opsplane.security.jwt.VerifiedJwt;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sign-in with the identity provider's JWTs, when {@code opsplane.security.oidc.enabled}: verifies a
 * token and says what its holder may do. The settings are checked at start, so a misconfiguration
 * stops security-service with a message instead of refusing every person later.
 */
@Startup
@ApplicationScoped
public class JwtSignIn {

    private static final Logger LOG = Logger.getLogger(JwtSignIn.class);

    @Inject
    OidcConfig config;

    private final Clock clock = Clock.systemUTC();
    /** Null while sign-in with JWTs is off. */
    private JwtVerifier verifier;
    private RoleMapping roles = RoleMapping.none();

    @PostConstruct
    void start() {
        if (!config.enabled()) {
            LOG.debug("sign-in with JWTs is off: every JWT is refused");
            return;
        }
        OidcSetup setup = OidcSetup.check(config, clock);
        verifier = new JwtVerifier(setup.settings(), setup.keys(), clock);
        roles = setup.roles();
        LOG.infof("sign-in with JWTs is on: issuer %s, audiences %s, role mapping [%s]", setup.settings().issuer(),
                setup.settings().audiences(), roles);
    }

    public boolean enabled() {
        return verifier != null;
    }

    /**
     * The holder of {@code token}, or empty when sign-in is off or the token is refused; the reason is
     * logged at debug, never the token. The check runs on a worker thread, since fetching keys from a
     * JWKS URL blocks, and the answer comes back on the caller's Vert.x context.
     */
    public Uni<Optional<VerifiedJwt>> verify(String token) {
        JwtVerifier current = verifier;
        if (current == null) {
            LOG.debug("a JWT was refused: sign-in with JWTs is off");
            return Uni.createFrom().item(Optional.empty());
        }
        Uni<Optional<VerifiedJwt>> checked = Uni.createFrom().item(() -> check(current, token));
        Context context = Vertx.currentContext();
        if (context == null) {
            return checked;
        }
        return checked.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(step -> context.runOnContext(ignored -> step.run()));
    }

    /**
     * The global grants of the roles the token's groups are mapped to, then the stored bindings of its
     * subject and of its groups.
     */
    public List<Grant> grantsOf(VerifiedJwt jwt, AccessBook.Snapshot access) {
        List<Grant> grants = new ArrayList<>(roles.grantsFor(jwt.groups()));
        grants.addAll(access.index().grantsOf(jwt.subject(), jwt.groups()));
        return grants;
    }

    private static Optional<VerifiedJwt> check(JwtVerifier verifier, String token) {
        try {
            return Optional.of(verifier.verify(token));
        } catch (JwtRejectedException e) {
            LOG.debugf("a JWT was refused: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
