package io.opsplane.security.service;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Role;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.TokenIssued;
import io.opsplane.proto.events.v1.TokenRevoked;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.security.access.AccessBook;
import io.opsplane.security.access.LocalAuthenticator;
import io.opsplane.security.access.PrincipalIssuer;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.jwt.VerifiedJwt;
import io.opsplane.security.oidc.JwtShape;
import io.opsplane.security.oidc.JwtSignIn;
import io.opsplane.security.token.TokenBindings;
import io.opsplane.security.token.TokenPolicy;
import io.opsplane.security.token.TokenSecrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issuing, verifying, listing and revoking API tokens; verifying the identity provider's JWTs. */
@ApplicationScoped
public class TokenService {

    /** One answer for every bad token, so a caller learns nothing about which part was wrong. */
    static final String INVALID_TOKEN = "the token is missing, unknown, expired or revoked";
    static final String MANAGE = "tokens:manage";

    /** A token and its secret, which exists only in this value. */
    public record Issued(ApiToken token, String secret) {
    }

    /** A page of tokens. */
    public record Page(List<ApiToken> tokens, String nextPageToken) {
    }

    @Inject
    Outbox outbox;

    @Inject
    AccessBook access;

    @Inject
    PrincipalIssuer issuer;

    @Inject
    JwtSignIn jwts;

    @Inject
    SignIns signIns;

    @Inject
    LocalAuthenticator localAuthenticator;

    @ConfigProperty(name = "opsplane.security.default-ttl")
    Duration defaultTtl;

    @ConfigProperty(name = "opsplane.security.max-ttl")
    Duration maxTtl;

    public Uni<ApiToken> authenticate(String secret) {
        if (!TokenSecrets.isWellFormed(secret)) {
            return Uni.createFrom().failure(DomainException.unauthenticated(INVALID_TOKEN));
        }
        String hash = TokenSecrets.hash(secret);
        return ApiToken.findBySecretHash(hash).map(token -> {
            if (token == null || !token.isActiveAt(Instant.now())) {
                throw DomainException.unauthenticated(INVALID_TOKEN);
            }
            return token;
        });
    }

    /**
     * Inside a session: the principal of a token, signed; notes when it was last used (to the minute) and records a
     * sign-in (see {@link SignIns}). A bearer shaped like a JWT is the identity provider's, and is refused while
     * sign-in with JWTs is off.
     *
     * @param sourceAddress where the bearer presented it, when known (empty otherwise)
     */
    public Uni<Principal> principal(String secret, String sourceAddress) {
        if (JwtShape.matches(secret)) {
            return jwtPrincipal(secret, sourceAddress);
        }
        return authenticate(secret).flatMap(token -> signIns.tokenUsed(token, sourceAddress)
                .flatMap(ignored -> access.current())
                .map(snapshot -> issuer.principalOf(token, snapshot)));
    }

    /** Inside a session: the principal of a JWT, with its mapped roles and the bindings of its subject and groups. */
    private Uni<Principal> jwtPrincipal(String token, String sourceAddress) {
        return jwts.verify(token).flatMap(verified -> {
            if (verified.isEmpty()) {
                return Uni.createFrom().failure(DomainException.unauthenticated(INVALID_TOKEN));
            }
            VerifiedJwt jwt = verified.get();
            return signIns.jwtUsed(jwt, sourceAddress).flatMap(ignored -> access.current()).map(snapshot -> issuer.principalOf(jwt, jwts.grantsOf(jwt, snapshot)));
        });
    }

    public Uni<Issued> issue(CallerIdentity caller, String name, String subject, List<String> roles,
            List<TokenBindings.Entry> bindings, long ttlSeconds) {
        String checkedName = TokenPolicy.checkName("name", name);
        String owner = subject == null || subject.isEmpty() ? caller.subject() : TokenPolicy.checkName("subject", subject);
        boolean forOther = !owner.equals(caller.subject());
        if (forOther && !caller.authority().holdsThroughout(MANAGE, Scope.GLOBAL)) {
            throw DomainException.permissionDenied("issuing a token for another subject needs " + MANAGE);
        }
        List<TokenBindings.Entry> wanted = new ArrayList<>();
        roles.forEach(role -> wanted.add(new TokenBindings.Entry(role, Scope.GLOBAL)));
        wanted.addAll(bindings);
        Duration ttl = new TokenPolicy(defaultTtl, maxTtl).ttl(ttlSeconds);
        return Panache.withSession(() -> access.current()).flatMap(snapshot -> {
            checkNoEscalation(caller.authority(), wanted, snapshot);
            return outbox.inTransaction(() -> create(checkedName, owner, TokenBindings.format(wanted), ttl,
                    caller.subject(), TokenSecrets.generate()));
        });
    }

    public Uni<ApiToken> revoke(CallerIdentity caller, String tokenId) {
        boolean manager = caller.authority().holdsThroughout(MANAGE, Scope.GLOBAL);
        return outbox.inTransaction(() -> ApiToken.<ApiToken>findById(tokenId == null ? "" : tokenId).flatMap(token -> {
            // Another subject's token is as unknown as a missing one, unless the caller manages tokens.
            if (token == null || !manager && !token.subject.equals(caller.subject()) || "service".equals(token.kind)) {
                throw DomainException.notFound("no token with id '" + tokenId + "'");
            }
            if (token.revokedAt != null) {
                return Uni.createFrom().item(token);
            }
            token.revoke(Instant.now());
            return outbox.record(token.id, TokenRevoked.newBuilder().setTokenId(token.id)
                    .setRevokedBy(caller.subject()).build()).replaceWith(token);
        })).invoke(revoked -> localAuthenticator.forgetAll());
    }

    public Uni<Page> list(CallerIdentity caller, String subject, boolean includeRevoked, int limit, String pageToken) {
        boolean manager = caller.authority().holdsThroughout(MANAGE, Scope.GLOBAL);
        String asked = subject == null ? "" : subject;
        if (!manager && !asked.isEmpty() && !asked.equals(caller.subject())) {
            throw DomainException.permissionDenied("listing another subject's tokens needs " + MANAGE);
        }
        String owner = manager ? asked : caller.subject();
        if (limit < 0 || limit > 1000) {
            throw DomainException.invalid("limit must be between 1 and 1000");
        }
        int pageSize = limit == 0 ? 100 : limit;
        String after = pageToken == null ? "" : pageToken;
        String filter = "id > ?1 and (?2 = '' or subject = ?2) and (?3 = true or revokedAt is null) order by id";
        return Panache.withSession(() -> ApiToken.<ApiToken>find(filter, after, owner, includeRevoked)
                .page(0, pageSize + 1).list())
                .map(found -> found.size() > pageSize
                        ? new Page(found.subList(0, pageSize), found.get(pageSize - 1).id)
                        : new Page(found, ""));
    }

    /** Inside a transaction: stores a token for {@code secret} and records its TokenIssued event. */
    public Uni<Issued> create(String name, String subject, String bindings, Duration ttl, String createdBy,
            String secret) {
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID().toString();
        token.name = name;
        token.subject = subject;
        token.roles = bindings;
        token.secretHash = TokenSecrets.hash(secret);
        token.createdAt = Instant.now();
        token.expiresAt = token.createdAt.plus(ttl);
        token.createdBy = createdBy;
        TokenIssued event = TokenIssued.newBuilder().setTokenId(token.id).setName(name).setSubject(subject)
                .addAllRoles(TokenBindings.parse(bindings).stream().map(TokenBindings.Entry::toString).toList())
                .setExpiresAt(Timestamps.of(token.expiresAt)).setIssuedBy(createdBy).build();
        return token.<ApiToken>persist().flatMap(saved -> outbox.record(saved.id, event)).replaceWith(new Issued(token, secret));
    }

    /** A token never carries more than its issuer holds, role by role and scope by scope. */
    static void checkNoEscalation(Authority issuer, List<TokenBindings.Entry> wanted, AccessBook.Snapshot access) {
        for (TokenBindings.Entry entry : wanted) {
            Role role = access.role(entry.role()).orElseThrow(() -> DomainException.invalid("unknown role '"
                    + entry.role() + "'; known roles: " + new java.util.TreeSet<>(access.roles().keySet())));
            if (role.name().startsWith("service:")) {
                throw DomainException.invalid("service roles belong to the platform's own components");
            }
            Set<String> missing = issuer.missingThroughout(role.permissions(), entry.scope());
            if (!missing.isEmpty()) {
                throw DomainException.permissionDenied("granting role '" + role.name() + "' at " + entry.scope()
                        + " needs " + String.join(", ", missing) + " there, which the caller does not hold");
            }
        }
    }
}
