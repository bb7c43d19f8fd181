package io.opsplane.platform.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * Percent-encodings of a value as URLs and form bodies carry it: every byte outside the RFC 3986
 * unreserved set ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX}, in upper and lower case hex, with a
 * space as {@code %20} or as {@code +}.
 */
final class PercentEncoding {

    private static final String UPPER_HEX = "0123456789ABCDEF";
    private static final String LOWER_HEX = "0123456789abcdef";

    private PercentEncoding() {
    }

    /** The four encodings (some equal each other when the value has no space or no escaped byte). */
    static List<String> variants(byte[] utf8) {
        List<String> variants = new ArrayList<>(4);
        for (String hex : List.of(UPPER_HEX, LOWER_HEX)) {
            variants.add(encode(utf8, hex, "%20"));
            variants.add(encode(utf8, hex, "+"));
        }
        return variants;
    }

    private static String encode(byte[] utf8, String hexDigits, String space) {
        StringBuilder out = new StringBuilder(utf8.length * 3);
        for (byte b : utf8) {
            int unsigned = b & 0xFF;
            if (isUnreserved(unsigned)) {
                out.append((char) unsigned);
            } else if (unsigned == ' ') {
                out.append(space);
            } else {
                out.append('%').append(hexDigits.charAt(unsigned >> 4)).append(hexDigits.charAt(unsigned & 0xF));
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
