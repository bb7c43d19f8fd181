package io.opsplane.security.oidc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code opsplane.security.oidc.*}: sign-in with the identity provider's JWTs. Off by default; the
 * values and their environment variables are in {@code application.properties}, and {@link OidcSetup}
 * checks them when sign-in is on.
 */
@ConfigMapping(prefix = "opsplane.security.oidc")
public interface OidcConfig {

    /** When false, every JWT is refused and nothing else here is read. */
    @WithDefault("false")
    boolean enabled();

    /** The exact {@code iss} of accepted tokens. */
    Optional<String> issuer();

    /** Accepted {@code aud} values, comma-separated; a token must name at least one. */
    Optional<String> audiences();

    /** A JWKS file with the provider's signing keys, read again when it changes. */
    Optional<String> jwksFile();

    /** The provider's JWKS endpoint (https, or http to a loopback address). */
    Optional<String> jwksUrl();

    /** The claim that names the user. */
    @WithDefault("sub")
    String subjectClaim();

    /** Dotted path to the groups, for example {@code groups} or {@code realm_access.roles}. */
    @WithDefault("groups")
    String groupsClaim();

    /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("30s")
    Duration leeway();

    /** Comma-separated {@code claimValue=role} pairs: a group that grants a built-in role everywhere. */
    Optional<String> roleMapping();
}
