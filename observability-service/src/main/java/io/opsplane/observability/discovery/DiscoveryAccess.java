package io.opsplane.observability.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may read the scrape targets: only the metrics store, which presents the bearer token the launcher
 * generated for it ({@code secrets/metrics-discovery.token}). Deny by default: without a configured
 * token nobody may.
 */
public final class DiscoveryAccess {

    /** The answer to one request. */
    public enum Decision {
        /** The right token. */
        ALLOWED,
        /** No token, another scheme, or a wrong token: 401. */
        UNAUTHENTICATED,
        /** Discovery is off: no token is configured, so no token can be right: 403. */
        DISABLED
    }

    /** Tokens are generated with 30 random bytes; anything much longer is not worth comparing. */
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final byte[] expected;

    private DiscoveryAccess(byte[] expected) {
        this.expected = expected;
    }

    /**
     * @param token the configured token (the file's content, surrounding white space removed); empty or absent
     *              turns discovery off
     * @throws IllegalArgumentException for a token too short to be a secret, too long, or with control characters
     */
    public static DiscoveryAccess of(Optional<String> token) {
        String value = token.map(String::strip).orElse("");
        if (value.isEmpty()) {
            return new DiscoveryAccess(null);
        }
        if (value.length() < 16 || value.length() > MAX_TOKEN_LENGTH
                || value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("the metrics discovery token must be 16 to " + MAX_TOKEN_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return new DiscoveryAccess(value.getBytes(StandardCharsets.US_ASCII));
    }

    public boolean enabled() {
        return expected != null;
    }

    /** Decides on the request's {@code Authorization} header (null when absent). */
    public Decision decide(String authorization) {
        if (expected == null) {
            return Decision.DISABLED;
        }
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH + 16) {
            return Decision.UNAUTHENTICATED;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Decision.UNAUTHENTICATED;
        }
        byte[] presented = header.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time for tokens of the right length: the comparison tells nothing about a prefix.
        return MessageDigest.isEqual(presented, expected) ? Decision.ALLOWED : Decision.UNAUTHENTICATED;
    }
}
