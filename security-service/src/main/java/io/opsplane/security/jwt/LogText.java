package io.opsplane.security.jwt;

/** Keeps text that came from a token fit for one log line: bounded, printable ASCII only. */
final class LogText {

    private static final int MAX_QUOTED_LENGTH = 64;
    private static final int MAX_LINE_LENGTH = 240;

    private LogText() {
    }

    /** A value from a token in double quotes, cut to 64 characters. */
    static String quote(String value) {
        return value == null ? "null" : "\"" + printable(value, MAX_QUOTED_LENGTH, true) + "\"";
    }

    /** A message that may carry parser output about a token: one line of at most 240 characters. */
    static String line(String text) {
        return printable(text, MAX_LINE_LENGTH, false);
    }

    private static String printable(String text, int maxLength, boolean quoted) {
        int end = Math.min(text.length(), maxLength);
        StringBuilder out = new StringBuilder(end + 3);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7f && !(quoted && (c == '"' || c == '\\'));
            out.append(plain ? c : '?');
        }
        if (text.length() > maxLength) {
            out.append("...");
        }
        return out.toString();
    }
}
