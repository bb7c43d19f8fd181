package io.opsplane.security.approval;

/** Summaries and comments people write: bounded, one line or several, no other control characters. */
final class FreeText {

    static final int MAX_LENGTH = 1000;

    private FreeText() {
    }

    /** The text stripped, empty for null; IllegalArgumentException naming {@code field} otherwise. */
    static String require(String field, String text) {
        String value = text == null ? "" : text.strip();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
        return value;
    }
}
