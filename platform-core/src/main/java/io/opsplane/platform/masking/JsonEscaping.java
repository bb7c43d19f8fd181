package io.opsplane.platform.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * A value as JSON encoders write it inside a string literal: {@code \" \\ \n \r \t \b \f}, other
 * control characters as <code>&#92;u00XX</code>. Encoders differ in three ways, each covered: some
 * write {@code /} as {@code \/}, some write every non-ASCII character as <code>&#92;uXXXX</code> (a
 * surrogate pair as two escapes), and the hex digits of these escapes come in lower or upper case.
 */
final class JsonEscaping {

    private JsonEscaping() {
    }

    /** All eight combinations (many equal each other for values without special characters). */
    static List<String> variants(String value) {
        List<String> variants = new ArrayList<>(8);
        for (boolean escapeSlash : new boolean[] {false, true}) {
            for (boolean escapeNonAscii : new boolean[] {false, true}) {
                for (boolean upperHex : new boolean[] {false, true}) {
                    variants.add(escape(value, escapeSlash, escapeNonAscii, upperHex));
                }
            }
        }
        return variants;
    }

    private static String escape(String value, boolean escapeSlash, boolean escapeNonAscii, boolean upperHex) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '/' -> out.append(escapeSlash ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (escapeNonAscii && c > 0x7F)) {
                        String hex = String.format(upperHex ? "%04X" : "%04x", (int) c);
                        out.append("\\u").append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
