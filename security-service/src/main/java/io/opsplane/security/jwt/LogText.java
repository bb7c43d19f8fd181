package io.opsplane.security.jwt;

/** Quotes values taken from a token for a log line: bounded, printable ASCII only. */
final class LogText {

    private static final int MAX_LENGTH = 64;

    private LogText() {
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int end = Math.min(value.length(), MAX_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        if (value.length() > MAX_LENGTH) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
