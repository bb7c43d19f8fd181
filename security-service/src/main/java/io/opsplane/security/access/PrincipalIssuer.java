package io.opsplane.security.access;

import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.access.Role;
import io.opsplane.platform.access.SigningKeys;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.jwt.VerifiedJwt;
import io.opsplane.security.token.TokenBindings;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a verified token or JWT into a principal (who, and the grants of its bindings) and signs the
 * principal assertion other services verify offline. The Ed25519 key pair is generated on first
 * start: the private key into an owner-only file, the public key beside it for the other services.
 */
@Startup
@ApplicationScoped
public class PrincipalIssuer {

    /** The kind of a principal signed in with the identity provider's JWT. */
    public static final String KIND_JWT = "jwt";

    @ConfigProperty(name = "opsplane.security.signing-key-file")
    String privateKeyFile;

    @ConfigProperty(name = "opsplane.auth.principal-key-file")
    Optional<String> publicKeyFile;

    @ConfigProperty(name = "opsplane.security.assertion-ttl", defaultValue = "5m")
    Duration assertionTtl;

    private final Clock clock = Clock.systemUTC();
    private KeyPair keys;

    @PostConstruct
    void loadKeys() {
        Path privatePath = Path.of(privateKeyFile);
        Path publicPath = publicKeyFile.filter(file -> !file.isBlank()).map(Path::of)
                .orElse(privatePath.resolveSibling("principal-signing.pub"));
        try {
            keys = SigningKeys.loadOrCreate(privatePath, publicPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the principal signing key " + privatePath, e);
        }
    }

    public String publicKey() {
        return SigningKeys.encode(keys.getPublic());
    }

    /** The principal of a verified API or service token, with its signed assertion. */
    public Principal principalOf(ApiToken token, AccessBook.Snapshot access) {
        List<Grant> grants = grantsOf(token, access);
        return sign(Principal.newBuilder().setTokenId(token.id).setSubject(token.subject).setKind(token.kind)
                .setExpiresAt(Timestamps.of(token.expiresAt)), grants);
    }

    /**
     * The principal of a verified JWT, with its groups and {@code grants}, and its signed assertion,
     * which never outlives the token.
     */
    public Principal principalOf(VerifiedJwt jwt, List<Grant> grants) {
        return sign(Principal.newBuilder().setTokenId(jwt.tokenId()).setSubject(jwt.subject()).setKind(KIND_JWT)
                .addAllGroups(jwt.groups()).setExpiresAt(Timestamps.of(jwt.expiresAt())), grants);
    }

    /** Adds grants and role names to a principal and signs it. */
    public Principal sign(Principal.Builder principal, List<Grant> grants) {
        TreeSet<String> roles = new TreeSet<>();
        for (Grant grant : grants) {
            principal.addGrants(Principals.toMessage(grant));
            roles.add(grant.role());
        }
        principal.clearRoles().addAllRoles(roles);
        Principal unsigned = principal.build();
        Instant now = clock.instant();
        return unsigned.toBuilder().setAssertion(PrincipalAssertions.sign(unsigned, keys.getPrivate(), now, assertionTtl))
                .build();
    }

    /** A token's own bindings, or, when it carries none, its subject's stored bindings. */
    static List<Grant> grantsOf(ApiToken token, AccessBook.Snapshot access) {
        List<TokenBindings.Entry> entries = TokenBindings.parse(token.roles);
        if (entries.isEmpty()) {
            return access.index().grantsOf(token.subject, List.of());
        }
        List<Grant> grants = new ArrayList<>();
        for (TokenBindings.Entry entry : entries) {
            Optional<Role> role = access.role(entry.role());
            role.ifPresent(found -> grants.add(new Grant(found.name(), entry.scope(), found.permissions(), "token")));
        }
        return grants;
    }
}
