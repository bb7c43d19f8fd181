package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoFloats;
import io.opsplane.observability.promql.GoQuoting;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's fmt for the values a Prometheus alert template handles (string, float64, int, bool,
 * map[string]string, the template data struct, nil): Sprint, Sprintln and Sprintf with the verbs
 * v s d f F e E g G q x X t c % and the flags + - space 0 #, including Go's "%!verb(type=value)"
 * markers for mismatches.
 */
final class GoFormat {

    private GoFormat() {
    }

    /** Go's type name of a template value, as errors and %!verb markers print it. */
    static String typeName(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map) {
            return "map[string]string";
        }
        if (value instanceof TemplateData) {
            return TemplateData.GO_TYPE;
        }
        throw new IllegalArgumentException("not a template value: " + value.getClass().getSimpleName());
    }

    /** fmt.Sprint: operands separated by a space when neither side is a string. */
    static String sprint(List<Object> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0 && !(values.get(i) instanceof String) && !(values.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(plain(values.get(i)));
        }
        return out.toString();
    }

    /** fmt.Sprintln: operands always separated by a space, then a newline. */
    static String sprintln(List<Object> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(plain(values.get(i)));
        }
        return out.append('\n').toString();
    }

    /** The %v rendering. */
    static String plain(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Double d) {
            return formatFloat(d, 'g', -1, false, false);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("map[");
            String separator = "";
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                out.append(separator).append(entry.getKey()).append(':').append(entry.getValue());
                separator = " ";
            }
            return out.append(']').toString();
        }
        if (value instanceof TemplateData data) {
            return "{" + plain(data.labels()) + " " + plain(data.externalLabels()) + " " + data.externalUrl() + " "
                    + plain(data.value()) + "}";
        }
        return value.toString();
    }

    /** fmt's float rendering: "+Inf", "-Inf", "NaN" for the specials, a sign only when asked. */
    private static String formatFloat(double value, char format, int precision, boolean plus, boolean space) {
        if (Double.isNaN(value)) {
            return plus ? "+NaN" : space ? " NaN" : "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? (space && !plus ? " Inf" : "+Inf") : "-Inf";
        }
        String text = GoFloats.format(value, format, precision);
        if (!text.startsWith("-")) {
            text = plus ? "+" + text : space ? " " + text : text;
        }
        return text;
    }

    /** fmt.Sprintf. */
    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            boolean minus = false;
            boolean plus = false;
            boolean space = false;
            boolean zero = false;
            boolean sharp = false;
            for (; i < format.length(); i++) {
                char flag = format.charAt(i);
                if (flag == '-') {
                    minus = true;
                } else if (flag == '+') {
                    plus = true;
                } else if (flag == ' ') {
                    space = true;
                } else if (flag == '0') {
                    zero = true;
                } else if (flag == '#') {
                    sharp = true;
                } else {
                    break;
                }
            }
            int width = -1;
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(format.substring(start, i));
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argIndex++);
            String text = formatOne(verb, arg, precision, plus, space, sharp);
            out.append(pad(text, width, minus, zero && !minus && !(arg instanceof String) && text.indexOf('!') < 0));
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argIndex; k < args.size(); k++) {
                out.append(k > argIndex ? ", " : "").append(typeName(args.get(k))).append('=').append(plain(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String formatOne(char verb, Object arg, int precision, boolean plus, boolean space, boolean sharp) {
        if (arg == null && verb != 'v') {
            return "%!" + verb + "(<nil>)";
        }
        switch (verb) {
            case 'v':
                if (arg instanceof Double d) {
                    return formatFloat(d, 'g', precision, plus, space);
                }
                return plain(arg);
            case 's':
                if (arg instanceof String s) {
                    return precision >= 0 && s.codePointCount(0, s.length()) > precision
                            ? s.substring(0, s.offsetByCodePoints(0, precision)) : s;
                }
                if (arg instanceof Map || arg instanceof TemplateData) {
                    return plain(arg);
                }
                break;
            case 'q':
                if (arg instanceof String s) {
                    return sharp && !s.contains("`") ? "`" + s + "`" : GoQuoting.quote(s);
                }
                if (arg instanceof Long l) {
                    return GoQuoting.quoteRune((int) (long) l);
                }
                break;
            case 'd':
                if (arg instanceof Long l) {
                    return (plus && l >= 0 ? "+" : space && l >= 0 ? " " : "") + l;
                }
                break;
            case 'c':
                if (arg instanceof Long l) {
                    return new String(Character.toChars((int) (long) l));
                }
                break;
            case 'x', 'X':
                String hex = null;
                if (arg instanceof Long l) {
                    hex = (l < 0 ? "-" : "") + (sharp ? "0x" : "") + Long.toHexString(Math.abs(l));
                } else if (arg instanceof String s) {
                    StringBuilder h = new StringBuilder();
                    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        h.append(String.format("%02x", b));
                    }
                    hex = h.toString();
                }
                if (hex != null) {
                    return verb == 'X' ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
                }
                break;
            case 't':
                if (arg instanceof Boolean b) {
                    return b.toString();
                }
                break;
            case 'e', 'E', 'f', 'F', 'g', 'G':
                if (arg instanceof Double d) {
                    char lower = Character.toLowerCase(verb);
                    int prec = precision >= 0 ? precision : lower == 'g' ? -1 : 6;
                    String text = formatFloat(d, lower, prec, plus, space);
                    return Character.isUpperCase(verb) && verb != 'F' ? text.toUpperCase(java.util.Locale.ROOT) : text;
                }
                break;
            default:
                break;
        }
        return "%!" + verb + "(" + typeName(arg) + "=" + plain(arg) + ")";
    }

    private static String pad(String text, int width, boolean left, boolean zeros) {
        int length = text.codePointCount(0, text.length());
        if (width <= length) {
            return text;
        }
        String fill = (zeros ? "0" : " ").repeat(width - length);
        if (left) {
            return text + fill;
        }
        if (zeros && (text.startsWith("-") || text.startsWith("+"))) {
            return text.charAt(0) + fill + text.substring(1);
        }
        return fill + text;
    }
}
