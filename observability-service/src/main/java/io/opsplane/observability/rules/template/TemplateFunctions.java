package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.promql.Re2Regex;
import io.opsplane.platform.regex.BudgetedText;
import io.opsplane.platform.regex.Re2Pattern;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * The functions alert templates may call: Go's builtins (and, or, not, len, index, print, printf,
 * println, eq, ne, lt, le, gt, ge) and Prometheus's humanize family, toUpper, toLower, title,
 * reReplaceAll and match, with Go's argument rules and error wording. Prometheus's other functions
 * need a query engine or produce HTML ({@code query}, {@code first}, {@code safeHtml}...); they are
 * named in {@link #NOT_SUPPORTED} so a template using one is refused when it is loaded.
 */
final class TemplateFunctions {

    enum Param { ANY, STRING }

    @FunctionalInterface
    interface Body {
        /** The result; an IllegalArgumentException's message becomes "error calling NAME: message". */
        Object call(List<Object> args);
    }

    /** A function with its fixed parameters and, when variadic, the type of the repeated one. */
    record Function(String name, List<Param> params, Param variadic, Body body) {
    }

    static final Set<String> NOT_SUPPORTED = Set.of("query", "first", "label", "value", "strvalue", "args", "safeHtml",
            "graphLink", "tableLink", "sortByLabel", "stripPort", "stripDomain", "toTime", "pathPrefix", "externalURL",
            "parseDuration", "html", "js", "urlquery", "slice", "call");

    static final Map<String, Function> SUPPORTED = functions();

    private TemplateFunctions() {
    }

    /** Every name Prometheus's template parser knows, so unknown ones are "not defined" as there. */
    static Set<String> knownNames() {
        Set<String> names = new java.util.HashSet<>(SUPPORTED.keySet());
        names.addAll(NOT_SUPPORTED);
        return names;
    }

    private static Map<String, Function> functions() {
        Map<String, Function> all = new TreeMap<>();
        // and, or evaluate their arguments lazily; the executor runs them.
        add(all, "and", List.of(Param.ANY), Param.ANY, args -> args);
        add(all, "or", List.of(Param.ANY), Param.ANY, args -> args);
        add(all, "not", List.of(Param.ANY), null, args -> !TemplateValues.isTrue(args.get(0)));
        add(all, "len", List.of(Param.ANY), null, args -> length(args.get(0)));
        add(all, "index", List.of(Param.ANY), Param.ANY, TemplateFunctions::index);
        add(all, "print", List.of(), Param.ANY, GoFormat::sprint);
        add(all, "println", List.of(), Param.ANY, GoFormat::sprintln);
        add(all, "printf", List.of(Param.STRING), Param.ANY,
                args -> GoFormat.sprintf((String) args.get(0), args.subList(1, args.size())));
        add(all, "eq", List.of(Param.ANY), Param.ANY, args -> TemplateValues.eq(args.get(0), args.subList(1, args.size())));
        add(all, "ne", List.of(Param.ANY, Param.ANY), null,
                args -> !TemplateValues.eq(args.get(0), args.subList(1, 2)));
        add(all, "lt", List.of(Param.ANY, Param.ANY), null, args -> TemplateValues.lt(args.get(0), args.get(1)));
        add(all, "le", List.of(Param.ANY, Param.ANY), null, args -> TemplateValues.le(args.get(0), args.get(1)));
        add(all, "gt", List.of(Param.ANY, Param.ANY), null, args -> !TemplateValues.le(args.get(0), args.get(1)));
        add(all, "ge", List.of(Param.ANY, Param.ANY), null, args -> !TemplateValues.lt(args.get(0), args.get(1)));
        add(all, "humanize", List.of(Param.ANY), null, args -> Humanize.metric(toFloat(args.get(0))));
        add(all, "humanize1024", List.of(Param.ANY), null, args -> Humanize.binary(toFloat(args.get(0))));
        add(all, "humanizeDuration", List.of(Param.ANY), null, args -> Humanize.duration(toFloat(args.get(0))));
        add(all, "humanizePercentage", List.of(Param.ANY), null,
                args -> GoFormat.sprintf("%.4g%%", List.of(toFloat(args.get(0)) * 100)));
        add(all, "humanizeTimestamp", List.of(Param.ANY), null, args -> humanizeTimestamp(toFloat(args.get(0))));
        add(all, "toUpper", List.of(Param.STRING), null, args -> mapCodePoints((String) args.get(0), true));
        add(all, "toLower", List.of(Param.STRING), null, args -> mapCodePoints((String) args.get(0), false));
        add(all, "title", List.of(Param.STRING), null, args -> title((String) args.get(0)));
        add(all, "reReplaceAll", List.of(Param.STRING, Param.STRING, Param.STRING), null,
                args -> replaceAll((String) args.get(0), (String) args.get(1), (String) args.get(2)));
        add(all, "match", List.of(Param.STRING, Param.STRING), null, args -> match((String) args.get(0), (String) args.get(1)));
        return Map.copyOf(all);
    }

    private static void add(Map<String, Function> all, String name, List<Param> params, Param variadic, Body body) {
        all.put(name, new Function(name, params, variadic, body));
    }

    private static long length(Object value) {
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value == null) {
            throw new IllegalArgumentException("len of nil pointer");
        }
        throw new IllegalArgumentException("len of type " + GoFormat.typeName(value));
    }

    private static Object index(List<Object> args) {
        Object item = args.get(0);
        if (item == null) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        for (Object key : args.subList(1, args.size())) {
            if (item instanceof Map<?, ?> map) {
                if (!(key instanceof String)) {
                    throw new IllegalArgumentException("value has type " + GoFormat.typeName(key) + "; should be string");
                }
                Object found = map.get(key);
                item = found == null ? "" : found;
            } else if (item instanceof String s) {
                if (!(key instanceof Long position)) {
                    throw new IllegalArgumentException("cannot index slice/array with type " + GoFormat.typeName(key));
                }
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                if (position < 0 || position >= bytes.length) {
                    throw new IllegalArgumentException("index out of range: " + position);
                }
                item = (long) (bytes[(int) (long) position] & 0xff);
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoFormat.typeName(item));
            }
        }
        return item;
    }

    /** Prometheus's convertToFloat. */
    static double toFloat(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s) {
            return parseGoFloat(s);
        }
        throw new IllegalArgumentException("can't convert " + GoFormat.typeName(value) + " to float");
    }

    /** Go's strconv.ParseFloat for the forms people write: decimals, Inf, NaN. */
    private static double parseGoFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            double value = Double.parseDouble(text);
            if (!Double.isInfinite(value)) {
                return value;
            }
            throw new IllegalArgumentException("strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": value out of range");
        }
        throw new IllegalArgumentException("strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": invalid syntax");
    }

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Go's time.Time.String() of the UTC time, e.g. "2021-01-04 12:30:00.5 +0000 UTC". */
    private static String humanizeTimestamp(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return GoFormat.sprintf("%.4g", List.of(seconds));
        }
        double nanos = seconds * 1e9;
        if (nanos > 0x1p63 || nanos < -0x1p63) {
            throw new IllegalArgumentException(GoFormat.plain(seconds)
                    + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        long total = (long) nanos;
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(total, 1_000_000_000L), Math.floorMod(total, 1_000_000_000L));
        String fraction = "";
        if (instant.getNano() != 0) {
            fraction = String.format(".%09d", instant.getNano()).replaceAll("0+$", "");
        }
        return TIME_OF_DAY.format(instant.atOffset(ZoneOffset.UTC)) + fraction + " +0000 UTC";
    }

    private static String mapCodePoints(String text, boolean upper) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
        return out.toString();
    }

    /** Go's strings.Title: the first letter after a separator becomes title case. */
    private static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int previous = ' ';
        for (int cp : text.codePoints().toArray()) {
            out.appendCodePoint(isSeparator(previous) ? Character.toTitleCase(cp) : cp);
            previous = cp;
        }
        return out.toString();
    }

    private static boolean isSeparator(int cp) {
        if (cp <= 0x7f) {
            return !(Character.isLetterOrDigit(cp) || cp == '_');
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return false;
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static Re2Regex.Compiled compile(String pattern, boolean mustCompile) {
        try {
            return Re2Regex.unanchored(pattern);
        } catch (IllegalArgumentException e) {
            // regexp.MustCompile panics with the expression quoted; regexp.MatchString returns the error.
            String quoted = pattern.contains("`") ? GoQuoting.quote(pattern) : "`" + pattern + "`";
            throw new IllegalArgumentException(mustCompile ? "regexp: Compile(" + quoted + "): " + e.getMessage()
                    : e.getMessage());
        }
    }

    private static boolean match(String pattern, String text) {
        return compile(pattern, false).pattern().foundIn(text);
    }

    /** Go's Regexp.ReplaceAllString: no empty match right after a match, $1 ${1} $name ${name} $$ expanded. */
    private static String replaceAll(String pattern, String replacement, String text) {
        Re2Regex.Compiled regex = compile(pattern, true);
        Matcher matcher = java.util.regex.Pattern.compile(regex.pattern().regex())
                .matcher(new BudgetedText(text, Re2Pattern.DEFAULT_READ_BUDGET));
        try {
            return replaceAll(matcher, text, regex.groupNames(), replacement);
        } catch (BudgetedText.Exhausted e) {
            throw new IllegalArgumentException("the pattern backtracks too much");
        }
    }

    private static String replaceAll(Matcher matcher, String text, List<String> groupNames, String replacement) {
        StringBuilder out = new StringBuilder();
        int copiedTo = 0;
        int lastMatchEnd = -1;
        int searchFrom = 0;
        while (searchFrom <= text.length() && matcher.find(searchFrom)) {
            if (matcher.end() == matcher.start() && matcher.start() == lastMatchEnd) {
                if (matcher.start() >= text.length()) {
                    break;
                }
                searchFrom = matcher.start() + Character.charCount(text.codePointAt(matcher.start()));
                continue;
            }
            out.append(text, copiedTo, matcher.start());
            expand(out, replacement, matcher, groupNames);
            copiedTo = matcher.end();
            lastMatchEnd = matcher.end();
            if (matcher.end() > matcher.start()) {
                searchFrom = matcher.end();
            } else if (matcher.end() < text.length()) {
                out.append(text, matcher.end(), matcher.end() + Character.charCount(text.codePointAt(matcher.end())));
                searchFrom = matcher.end() + Character.charCount(text.codePointAt(matcher.end()));
                copiedTo = searchFrom;
            } else {
                break;
            }
        }
        return out.append(text.substring(Math.min(copiedTo, text.length()))).toString();
    }

    private static void expand(StringBuilder out, String template, Matcher matcher, List<String> groupNames) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                name = template.substring(i + 1, end);
            }
            if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                out.append('$');
                i++;
                continue;
            }
            out.append(group(matcher, groupNames, name));
            i = end;
        }
    }

    private static String group(Matcher matcher, List<String> groupNames, String name) {
        int number = -1;
        if (name.chars().allMatch(Character::isDigit)) {
            number = name.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(name);
        } else {
            number = groupNames.indexOf(name) + 1;
            if (number == 0) {
                return "";
            }
        }
        if (number > matcher.groupCount()) {
            return "";
        }
        String value = matcher.group(number);
        return value == null ? "" : value;
    }
}
