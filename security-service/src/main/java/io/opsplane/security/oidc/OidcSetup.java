package io.opsplane.security.oidc;

import io.opsplane.security.jwt.JwksFile;
import io.opsplane.security.jwt.JwksUrl;
import io.opsplane.security.jwt.JwtSettings;
import io.opsplane.security.jwt.KeySource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checked form of {@link OidcConfig}: what the JWT verifier and the role mapping run with.
 *
 * @param settings what an accepted token must satisfy
 * @param keys     the identity provider's signing keys
 * @param roles    the roles the values of the groups claim grant
 */
public record OidcSetup(JwtSettings settings, KeySource keys, RoleMapping roles) {

    private static final String PREFIX = "opsplane.security.oidc.";

    /**
     * Checks the settings of enabled sign-in and reads the JWKS file, when that is the key source.
     *
     * @throws IllegalStateException listing every problem found, each naming its setting and variable
     */
    public static OidcSetup check(OidcConfig config, Clock clock) {
        List<String> problems = new ArrayList<>();
        Optional<String> issuer = nonBlank(config.issuer());
        if (issuer.isEmpty()) {
            problems.add(name("issuer", "OPSPLANE_OIDC_ISSUER") + " is not set");
        }
        Set<String> audiences = commaSeparated(config.audiences().orElse(""));
        if (audiences.isEmpty()) {
            problems.add(name("audiences", "OPSPLANE_OIDC_AUDIENCE") + " names no audience");
        }
        RoleMapping roles = RoleMapping.none();
        try {
            roles = RoleMapping.parse(config.roleMapping().orElse(""));
        } catch (IllegalArgumentException e) {
            problems.add(name("role-mapping", "OPSPLANE_OIDC_ROLE_MAPPING") + ": " + e.getMessage());
        }
        JwtSettings settings = null;
        if (issuer.isPresent() && !audiences.isEmpty()) {
            try {
                settings = new JwtSettings(issuer.get(), audiences, config.leeway(), config.subjectClaim(),
                        config.groupsClaim(), JwtSettings.DEFAULT_MAX_TOKEN_LENGTH);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " (" + PREFIX + "leeway, subject-claim, groups-claim)");
            }
        }
        KeySource keys = keySource(config, clock, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("sign-in with JWTs is enabled (" + PREFIX + "enabled) but cannot start: "
                    + String.join("; ", problems));
        }
        return new OidcSetup(settings, keys, roles);
    }

    /** Exactly one of the JWKS file and URL; null, with a problem noted, otherwise. */
    private static KeySource keySource(OidcConfig config, Clock clock, List<String> problems) {
        Optional<String> file = nonBlank(config.jwksFile());
        Optional<String> url = nonBlank(config.jwksUrl());
        if (file.isPresent() == url.isPresent()) {
            problems.add("set exactly one of " + name("jwks-file", "OPSPLANE_OIDC_JWKS_FILE") + " and "
                    + name("jwks-url", "OPSPLANE_OIDC_JWKS_URL")
                    + (file.isPresent() ? "; both are set" : "; neither is set"));
            return null;
        }
        try {
            return file.isPresent() ? new JwksFile(Path.of(file.get())) : new JwksUrl(URI.create(url.get()), clock);
        } catch (IllegalArgumentException e) {
            // JwksFile names the file and why it is unusable; JwksUrl says what the URL must be.
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }

    private static Set<String> commaSeparated(String text) {
        Set<String> values = new LinkedHashSet<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                values.add(item.strip());
            }
        }
        return values;
    }

    private static String name(String setting, String variable) {
        return PREFIX + setting + " (" + variable + ")";
    }
}
