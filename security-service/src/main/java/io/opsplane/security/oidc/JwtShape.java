package io.opsplane.security.oidc;

import java.util.regex.Pattern;

/**
 * Tells a JWT from an API token by its shape alone, before any check: three base64url parts
 * separated by dots. API tokens ({@code ops_…}) have no dots. The signature part may be empty, so
 * an unsigned token reaches the verifier and is refused there with its reason logged.
 */
public final class JwtShape {

    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private JwtShape() {
    }

    public static boolean matches(String bearer) {
        return bearer != null && COMPACT.matcher(bearer).matches();
    }
}
