package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.rules.template.TemplateNode.Operand;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Go's literal syntax as text/template reads it: strconv.Unquote and the number rules of parse.newNumber. */
final class GoLiterals {

    private GoLiterals() {
    }

    /**
     * The value of a Go string literal ("..." with escapes, or `raw`).
     *
     * @throws IllegalArgumentException "invalid syntax" as strconv.Unquote reports it
     */
    static String unquote(String quoted) {
        if (quoted.startsWith("`")) {
            return quoted.substring(1, quoted.length() - 1).replace("\r", "");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = quoted.substring(1, quoted.length() - 1);
        int i = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != '\\') {
                writeUtf8(out, cp);
                continue;
            }
            i = unescape(body, i, '"', out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads one escape after the backslash at {@code i - 1}; returns the index after it. */
    private static int unescape(String body, int i, char quote, ByteArrayOutputStream out) {
        if (i >= body.length()) {
            throw invalid();
        }
        char e = body.charAt(i++);
        switch (e) {
            case 'a' -> out.write(7);
            case 'b' -> out.write('\b');
            case 'f' -> out.write('\f');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(11);
            case '\\' -> out.write('\\');
            case 'x' -> {
                out.write(digits(body, i, 2, 16));
                return i + 2;
            }
            case 'u', 'U' -> {
                int count = e == 'u' ? 4 : 8;
                int cp = digits(body, i, count, 16);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp < 0xE000)) {
                    throw invalid();
                }
                writeUtf8(out, cp);
                return i + count;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int value = digits(body, i - 1, 3, 8);
                    if (value > 255) {
                        throw invalid();
                    }
                    out.write(value);
                    return i + 2;
                }
                if (e != quote) {
                    throw invalid();
                }
                out.write(e);
            }
        }
        return i;
    }

    private static int digits(String body, int from, int count, int radix) {
        if (from + count > body.length()) {
            throw invalid();
        }
        int value = 0;
        for (int k = from; k < from + count; k++) {
            int digit = Character.digit(body.charAt(k), radix);
            if (digit < 0 || body.charAt(k) > 0x7f) {
                throw invalid();
            }
            value = value * radix + digit;
        }
        return value;
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("invalid syntax");
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    /** A number operand as parse.newNumber builds it: an int when it is one, a float when it can be. */
    static Operand.Number number(int position, String text, boolean charConstant, boolean complex) {
        if (complex || text.endsWith("i")) {
            throw new IllegalArgumentException("complex numbers are not supported in alert templates: " + text);
        }
        if (charConstant) {
            String body = text.substring(1, text.length() - 1);
            int cp;
            if (body.startsWith("\\")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int end = unescape(body, 1, '\'', out);
                if (end != body.length()) {
                    throw new IllegalArgumentException("malformed character constant: " + text);
                }
                String decoded = out.toString(StandardCharsets.UTF_8);
                cp = decoded.codePointAt(0);
            } else {
                if (body.isEmpty() || body.codePointCount(0, body.length()) != 1) {
                    throw new IllegalArgumentException(body.isEmpty() ? "invalid syntax"
                            : "malformed character constant: " + text);
                }
                cp = body.codePointAt(0);
            }
            return new Operand.Number(position, text, (long) cp, (double) cp, true);
        }
        Long integer = parseInt(text);
        if (integer != null) {
            return new Operand.Number(position, text, integer, (double) integer, false);
        }
        Double value = parseFloat(text);
        if (value == null) {
            throw new IllegalArgumentException("illegal number syntax: " + GoQuoting.quote(text));
        }
        if (!text.matches(".*[.eEpP].*")) {
            throw new IllegalArgumentException("integer overflow: " + text);
        }
        Long exact = value == Math.rint(value) && Math.abs(value) < 0x1p63 ? (long) (double) value : null;
        return new Operand.Number(position, text, exact, value, false);
    }

    /** Go's strconv.ParseInt(text, 0, 64), or null. */
    private static Long parseInt(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        int radix = 10;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        String digits = s.replace("_", "");
        if (digits.isEmpty() || s.startsWith("_") && radix == 10 || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        int base = radix;
        if (!digits.chars().allMatch(c -> Character.digit(c, base) >= 0 && c < 0x80)) {
            return null;
        }
        BigInteger value = new BigInteger(digits, radix);
        if (negative) {
            value = value.negate();
        }
        return value.bitLength() < 64 ? value.longValue() : null;
    }

    /** Go's strconv.ParseFloat for decimal text, or null. */
    private static Double parseFloat(String text) {
        String s = text.replace("_", "");
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        double value = Double.parseDouble(s);
        return Double.isInfinite(value) ? null : value;
    }
}
