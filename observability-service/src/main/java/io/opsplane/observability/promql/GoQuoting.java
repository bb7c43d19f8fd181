package io.opsplane.observability.promql;

/** Go's %q and %#U renderings, so error messages read exactly as Prometheus prints them. */
public final class GoQuoting {

    private GoQuoting() {
    }

    /** Go's {@code %q} of a string. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(out, cp, '"'));
        return out.append('"').toString();
    }

    /** Go's {@code %q} of a rune. */
    public static String quoteRune(int codePoint) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, codePoint, '\'');
        return out.append('\'').toString();
    }

    /** Go's {@code %#U} of a rune, e.g. {@code U+0071 'q'}. */
    public static String unicodeNotation(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return isPrintable(codePoint) ? hex + " '" + new String(Character.toChars(codePoint)) + "'" : hex;
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
            return;
        }
        if (isPrintable(cp)) {
            out.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 11 -> out.append("\\v");
            default -> {
                if (cp < 0x80) {
                    out.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    private static boolean isPrintable(int cp) {
        if (cp < 0x20 || cp == 0x7f) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.FORMAT
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && !(type == Character.SPACE_SEPARATOR && cp != ' ');
    }
}
