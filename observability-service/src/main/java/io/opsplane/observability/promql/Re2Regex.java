package io.opsplane.observability.promql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import io.opsplane.platform.regex.Re2Pattern;

/**
 * Translates an RE2 (Go regexp) expression into Java syntax and compiles it with the platform's
 * {@link Re2Pattern} (which refuses what RE2 lacks and bounds backtracking when matching), anchored
 * at both ends as Prometheus does with label matchers ({@code ^(?:re)$}) or unanchored as Go's
 * regexp functions in templates search. Errors are worded as Go's regexp parser words them
 * (lookaround, backreferences, possessive and atomic groups included), so they read as
 * Prometheus's; RE2 syntax Java reads differently (POSIX classes, literal brackets in classes,
 * named groups, literal braces, Unicode scripts, the ungreedy flag, {@code $}) is rewritten.
 */
public final class Re2Regex {

    /** RE2 accepts at most this many repetitions in {@code {n,m}}. */
    private static final int MAX_REPEAT = 1000;

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\p{Space}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    /** Letters RE2 accepts after a backslash, outside and inside character classes. */
    private static final String RE2_ESCAPE_LETTERS = "afntrvxAbBzdDsSwWpPQ";
    private static final String RE2_CLASS_ESCAPE_LETTERS = "afntrvxdDsSwWpP";

    /** A regex that RE2 (and so Prometheus) would refuse. */
    public static final class InvalidRegexException extends IllegalArgumentException {
        InvalidRegexException(String message) {
            super(message);
        }
    }

    /** A compiled expression with the names of its capturing groups (null when unnamed), by number from 1. */
    public record Compiled(Re2Pattern pattern, List<String> groupNames) {
        public Compiled {
            groupNames = java.util.Collections.unmodifiableList(new ArrayList<>(groupNames));
        }
    }

    private final String source;
    private final boolean anchored;
    private final List<String> groupNames = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    /** Per open group, whether RE2's ungreedy flag U was in force outside it. */
    private final Deque<Boolean> openGroups = new ArrayDeque<>();
    /** RE2's U flag swaps greedy and lazy repetition; Java has no such flag, so quantifiers are rewritten. */
    private boolean ungreedy;
    /** Set once any (?m) appears; from then on $ keeps Java's line meaning, which the m flag gives it too. */
    private boolean multiline;
    private int pos;

    private Re2Regex(String source, boolean anchored) {
        this.source = source;
        this.anchored = anchored;
    }

    /** The pattern matching whole values as the RE2 expression {@code ^(?:re)$} does. */
    public static Re2Pattern anchored(String re2) {
        return new Re2Regex(re2, true).compile("^(?:", ")$").pattern();
    }

    /** The pattern searching text as the RE2 expression does in Go's regexp functions. */
    public static Compiled unanchored(String re2) {
        return new Re2Regex(re2, false).compile("", "");
    }

    private Compiled compile(String prefix, String suffix) {
        String translated = translate();
        try {
            return new Compiled(Re2Pattern.compile(prefix + translated + suffix, 0), groupNames);
        } catch (Re2Pattern.InvalidRegexException e) {
            throw new InvalidRegexException("error parsing regexp: " + e.description() + ": `" + source + "`");
        } catch (StackOverflowError e) {
            throw new InvalidRegexException("error parsing regexp: expression nests too deeply: `" + source + "`");
        }
    }

    /** Go names the whole expression in some errors: the anchored one Prometheus compiles, or the one given. */
    private String whole() {
        return anchored ? "^(?:" + source + ")$" : source;
    }

    private static InvalidRegexException goError(String code, String fragment) {
        return new InvalidRegexException("error parsing regexp: " + code + ": `" + fragment + "`");
    }

    private String translate() {
        boolean afterRepeat = false;
        // Whether a repetition here would have nothing to repeat (start, after "(" or "|").
        boolean atomExpected = true;
        int repeatStart = 0;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            int repeatEnd = c == '*' || c == '+' || c == '?' ? pos + 1 : c == '{' ? repeatEnd() : -1;
            if (repeatEnd > 0) {
                int start = pos;
                int fragmentEnd = repeatEnd < source.length() && source.charAt(repeatEnd) == '?' ? repeatEnd + 1 : repeatEnd;
                if (atomExpected) {
                    throw goError("missing argument to repetition operator", source.substring(start, fragmentEnd));
                }
                if (afterRepeat) {
                    throw goError("invalid nested repetition operator", source.substring(repeatStart, fragmentEnd));
                }
                if (c == '{') {
                    checkRepeatCount(source.substring(pos, repeatEnd));
                }
                out.append(source, pos, repeatEnd);
                pos = repeatEnd;
                appendGreediness();
                afterRepeat = true;
                repeatStart = start;
                continue;
            }
            afterRepeat = false;
            atomExpected = false;
            switch (c) {
                case '\\' -> translateEscape(false);
                case '[' -> translateClass();
                case '(' -> {
                    translateGroupOpening();
                    atomExpected = true;
                }
                case '|' -> {
                    out.append('|');
                    pos++;
                    atomExpected = true;
                }
                case ')' -> {
                    if (openGroups.isEmpty()) {
                        throw goError("unexpected )", whole());
                    }
                    ungreedy = openGroups.pop();
                    out.append(')');
                    pos++;
                }
                case '$' -> {
                    // Java's $ also matches before a final line break; RE2's only at the end (unless in m mode).
                    out.append(multiline ? "$" : "\\z");
                    pos++;
                }
                case '{', '}' -> {
                    // Not a valid repetition, so RE2 reads a literal brace.
                    out.append('\\').append(c);
                    pos++;
                }
                default -> {
                    out.append(c);
                    pos++;
                }
            }
        }
        if (!openGroups.isEmpty()) {
            throw goError("missing closing )", whole());
        }
        return out.toString();
    }

    /** Copies a lazy marker after a repetition, swapped when the ungreedy flag is in force. */
    private void appendGreediness() {
        boolean lazy = pos < source.length() && source.charAt(pos) == '?';
        if (lazy) {
            pos++;
        }
        if (lazy != ungreedy) {
            out.append('?');
        }
    }

    /** The index after a valid {@code {n}}, {@code {n,}} or {@code {n,m}} at pos, or -1 (then RE2 reads a literal brace). */
    private int repeatEnd() {
        int i = pos + 1;
        int digits = 0;
        while (i < source.length() && Character.isDigit(source.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= source.length()) {
            return -1;
        }
        if (source.charAt(i) == ',') {
            i++;
            while (i < source.length() && Character.isDigit(source.charAt(i))) {
                i++;
            }
        }
        return i < source.length() && source.charAt(i) == '}' ? i + 1 : -1;
    }

    private void checkRepeatCount(String repeat) {
        String[] bounds = repeat.substring(1, repeat.length() - 1).split(",", -1);
        for (String bound : bounds) {
            if (!bound.isEmpty() && (bound.length() > 4 || Integer.parseInt(bound) > MAX_REPEAT)) {
                throw goError("invalid repeat count", repeat);
            }
        }
        if (bounds.length == 2 && !bounds[1].isEmpty() && Integer.parseInt(bounds[1]) < Integer.parseInt(bounds[0])) {
            throw goError("invalid repeat count", repeat);
        }
    }

    private void translateGroupOpening() {
        openGroups.push(ungreedy);
        if (!source.startsWith("(?", pos)) {
            groupNames.add(null);
            out.append('(');
            pos++;
            return;
        }
        if (source.startsWith("(?P<", pos)) {
            int close = source.indexOf('>', pos);
            String name = close < 0 ? "" : source.substring(pos + 4, close);
            if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch))) {
                throw goError("invalid named capture", source.substring(pos, close < 0 ? source.length() : close + 1));
            }
            // Java restricts group names more than RE2; callers look names up by group number.
            groupNames.add(name);
            out.append('(');
            pos = close + 1;
            return;
        }
        int i = pos + 2;
        while (i < source.length() && "imsU-".indexOf(source.charAt(i)) >= 0) {
            i++;
        }
        if (i >= source.length() || (source.charAt(i) != ':' && source.charAt(i) != ')')) {
            throw goError("invalid or unsupported Perl syntax", source.substring(pos, Math.min(i + 1, source.length())));
        }
        String flags = source.substring(pos + 2, i);
        multiline |= flags.indexOf('m') >= 0;
        int minus = flags.indexOf('-');
        boolean setsUngreedy = flags.indexOf('U') >= 0 && (minus < 0 || flags.indexOf('U') < minus);
        boolean clearsUngreedy = minus >= 0 && flags.indexOf('U', minus) >= 0;
        boolean scoped = source.charAt(i) == ':';
        if (!scoped) {
            // (?flags) applies to the rest of the enclosing group, so it opens no group of its own.
            openGroups.pop();
        }
        if (setsUngreedy || clearsUngreedy) {
            ungreedy = setsUngreedy;
        }
        // Java's U flag means Unicode classes, so RE2's ungreedy flag is applied by rewriting quantifiers.
        String javaFlags = flags.replace("U", "");
        if (javaFlags.isEmpty() || javaFlags.equals("-") || javaFlags.endsWith("-")) {
            javaFlags = javaFlags.replace("-", "");
        }
        out.append(javaFlags.isEmpty() ? (scoped ? "(?:" : "") : "(?" + javaFlags + source.charAt(i));
        pos = i + 1;
    }

    private void translateEscape(boolean inClass) {
        if (pos + 1 >= source.length()) {
            if (anchored) {
                // In the anchored expression the backslash escapes the closing parenthesis.
                throw goError("missing closing )", whole());
            }
            throw goError("trailing backslash at end of expression", "");
        }
        char e = source.charAt(pos + 1);
        if (e == 'Q' && !inClass) {
            int end = source.indexOf("\\E", pos + 2);
            String literal = end < 0 ? source.substring(pos + 2) : source.substring(pos + 2, end);
            // Each character escaped on its own, so no \\Q...\\E hides text from the platform's construct check.
            literal.chars().forEach(ch -> {
                if (!Character.isLetterOrDigit(ch)) {
                    out.append('\\');
                }
                out.append((char) ch);
            });
            pos = end < 0 ? source.length() : end + 2;
            return;
        }
        if (e >= '1' && e <= '9') {
            throw goError("invalid escape sequence", source.substring(pos, pos + 2));
        }
        String letters = inClass ? RE2_CLASS_ESCAPE_LETTERS : RE2_ESCAPE_LETTERS;
        if (Character.isLetterOrDigit(e) && e != '0' && letters.indexOf(e) < 0) {
            throw goError("invalid escape sequence", source.substring(pos, pos + 2));
        }
        if ((e == 'p' || e == 'P') && pos + 2 < source.length() && source.charAt(pos + 2) == '{') {
            // Grouped outside classes: the platform's check reads "}+" after an escape as a possessive quantifier.
            out.append(inClass ? "" : "(?:");
            translateUnicodeClass(e);
            out.append(inClass ? "" : ")");
            return;
        }
        if (e == 'x' && pos + 2 < source.length() && source.charAt(pos + 2) == '{' && !inClass) {
            int close = source.indexOf('}', pos);
            if (close > 0) {
                out.append("(?:").append(source, pos, close + 1).append(')');
                pos = close + 1;
                return;
            }
        }
        if (e == 'v') {
            out.append("\\x0B");
        } else if (e == '0') {
            // RE2 reads \0 with up to two more octal digits; Java wants the same digits after \0.
            int end = pos + 2;
            while (end < source.length() && end < pos + 4 && source.charAt(end) >= '0' && source.charAt(end) <= '7') {
                end++;
            }
            out.append("\\0").append(end == pos + 2 ? "0" : source.substring(pos + 2, end));
            pos = end;
            return;
        } else {
            out.append('\\').append(e);
        }
        pos += 2;
    }

    /** {@code \p{Name}}: Java knows general categories by name but scripts only with an "Is" prefix. */
    private void translateUnicodeClass(char e) {
        int close = source.indexOf('}', pos);
        if (close < 0) {
            throw goError("invalid character class range", source.substring(pos));
        }
        String name = source.substring(pos + 3, close);
        boolean negated = name.startsWith("^");
        if (negated) {
            name = name.substring(1);
        }
        boolean category = name.length() <= 2;
        char letter = negated == (e == 'p') ? 'P' : 'p';
        out.append('\\').append(letter).append('{').append(category ? name : "Is" + name).append('}');
        pos = close + 1;
    }

    private void translateClass() {
        int classStart = pos;
        out.append('[');
        pos++;
        if (pos < source.length() && source.charAt(pos) == '^') {
            out.append('^');
            pos++;
        }
        boolean first = true;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == ']' && !first) {
                out.append(']');
                pos++;
                return;
            }
            first = false;
            if (c == '\\') {
                translateEscape(true);
            } else if (c == '[' && source.startsWith("[:", pos)) {
                translatePosixClass();
            } else if (c == '[' || c == '&' || c == ']') {
                // Java reads these as nesting, intersection or the end; RE2 as literals.
                out.append('\\').append(c);
                pos++;
            } else {
                checkRange(c);
                out.append(c);
                pos++;
            }
        }
        throw goError("missing closing ]", source.substring(classStart) + (anchored ? ")$" : ""));
    }

    /** RE2 words an inverted range {@code z-a} its own way; Java would refuse it too, differently. */
    private void checkRange(char low) {
        if (pos + 2 < source.length() && source.charAt(pos + 1) == '-') {
            char high = source.charAt(pos + 2);
            if (high != ']' && high != '\\' && high < low) {
                throw goError("invalid character class range", source.substring(pos, pos + 3));
            }
        }
    }

    private void translatePosixClass() {
        int end = source.indexOf(":]", pos + 2);
        if (end < 0) {
            out.append("\\[");
            pos++;
            return;
        }
        String name = source.substring(pos + 2, end);
        boolean negated = name.startsWith("^");
        String java = POSIX_CLASSES.get(negated ? name.substring(1) : name);
        if (java == null) {
            throw goError("invalid character class range", source.substring(pos, end + 2));
        }
        if (negated) {
            java = java.equals("\\w") ? "\\W" : java.replace("\\p", "\\P");
        }
        out.append(java);
        pos = end + 2;
    }
}
