package io.opsplane.platform.text;

/** Untrusted text made safe to quote in an error message: bounded, control characters as {@code \\uXXXX}. */
public final class PrintableText {

    private PrintableText() {
    }

    /** At most {@code maxCodePoints} code points of {@code text}, control characters escaped; "" for null. */
    public static String of(String text, int maxCodePoints) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(maxCodePoints).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
