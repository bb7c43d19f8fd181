package io.opsplane.security.token;

import io.opsplane.platform.crypto.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * API token secrets: {@code ops_} followed by 256 random bits in base64url. High-entropy secrets need
 * no slow hash; SHA-256 makes the stored value useless to whoever reads the table.
 */
public final class TokenSecrets {

    public static final String PREFIX = "ops_";
    private static final Pattern FORMAT = Pattern.compile("^ops_[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code token} has the shape of a token this service issues. */
    public static boolean isWellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    public static String hash(String token) {
        return Sha256.hex(token);
    }
}
