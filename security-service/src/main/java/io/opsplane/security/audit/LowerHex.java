package io.opsplane.security.audit;

/** Shape checks for the lowercase hex values (hashes, key ids, signatures) of the audit ledger. */
final class LowerHex {

    private LowerHex() {
    }

    /** True when {@code value} is exactly {@code length} characters of {@code 0-9a-f}. */
    static boolean is(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
