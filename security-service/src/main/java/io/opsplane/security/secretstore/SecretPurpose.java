package io.opsplane.security.secretstore;

import java.util.regex.Pattern;

/**
 * Why a service reads a secret value, {@code <kind>:<what>} ({@code job:1234}, {@code environment:prod}):
 * required, and recorded in the SecretUsed event, so every use of a value can be traced to the work it served.
 */
final class SecretPurpose {

    private static final Pattern PURPOSE = Pattern.compile("^[a-z][a-z-]{0,31}:[\\x21-\\x7e]{1,200}$");

    private SecretPurpose() {
    }

    /** {@code purpose}, when it is a lowercase kind, a colon and 1 to 200 visible ASCII characters. */
    static String check(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose is required: '<kind>:<what>', e.g. 'job:1234' or "
                    + "'environment:prod' (a lowercase kind, then 1 to 200 visible ASCII characters)");
        }
        return purpose;
    }
}
