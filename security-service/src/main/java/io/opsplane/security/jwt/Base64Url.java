package io.opsplane.security.jwt;

import java.util.Base64;

/**
 * Strict base64url as JWS uses it: the URL-safe alphabet, no padding, and only the one canonical
 * spelling of each byte string, so that no two token texts carry the same bytes.
 */
final class Base64Url {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    /** The decoded bytes; an {@link IllegalArgumentException} saying why when {@code text} is not strict base64url. */
    static byte[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                throw new IllegalArgumentException("padded");
            }
            if (!isAlphabet(c)) {
                throw new IllegalArgumentException("character outside the base64url alphabet at " + i);
            }
        }
        if (text.length() % 4 == 1) {
            throw new IllegalArgumentException("impossible length " + text.length());
        }
        byte[] bytes = DECODER.decode(text);
        // The JDK ignores unused low bits in the last character; a second spelling of the same bytes is refused.
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("non-canonical final character");
        }
        return bytes;
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
