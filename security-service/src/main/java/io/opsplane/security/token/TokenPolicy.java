package io.opsplane.security.token;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What an issue request may ask for: known roles, sane names, a bounded lifetime. */
public final class TokenPolicy {

    public static final String ADMIN = "admin";
    public static final Set<String> ROLES =
            java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(Set.of(ADMIN, "developer", "operator", "viewer")));
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@:-]{0,127}$");

    private final Duration defaultTtl;
    private final Duration maxTtl;

    public TokenPolicy(Duration defaultTtl, Duration maxTtl) {
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /** The lifetime to grant: the default for 0, an error when negative or above the maximum. */
    public Duration ttl(long requestedSeconds) {
        if (requestedSeconds == 0) {
            return defaultTtl;
        }
        if (requestedSeconds < 0 || requestedSeconds > maxTtl.toSeconds()) {
            throw new IllegalArgumentException("ttl_seconds must be between 1 and " + maxTtl.toSeconds());
        }
        return Duration.ofSeconds(requestedSeconds);
    }

    public static String checkName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 128 letters, digits or ' ._@:-', "
                    + "starting with a letter or digit");
        }
        return value;
    }

    public static List<String> checkRoles(List<String> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles must name at least one of " + ROLES);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String role : roles) {
            if (role == null || !ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; known roles: " + ROLES);
            }
            unique.add(role);
        }
        return List.copyOf(unique);
    }
}
