package io.opsplane.security.token;

import java.time.Duration;
import java.util.regex.Pattern;

/** What an issue request may ask for: sane names and a bounded lifetime (roles are checked against the access book). */
public final class TokenPolicy {

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
}
