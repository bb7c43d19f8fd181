package io.opsplane.pipeline.definition.rules;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code /pattern/flags} literal compiled with Java's regex engine. GitLab evaluates these with RE2, which has no
 * backtracking: constructs RE2 lacks (lookaround, backreferences, atomic groups, possessive quantifiers, {@code \Z},
 * {@code \G}) are refused here so that a definition means the same thing in both places and cannot backtrack
 * catastrophically. Known remaining differences: Java's {@code \h} is horizontal space (RE2 has none) and Java's
 * character classes such as {@code \w} are ASCII-only like RE2's. Flags: {@code i} (case-insensitive), {@code m}
 * (^ and $ at line breaks), {@code s} (. matches a line break); RE2's {@code U} (ungreedy) has no Java equivalent.
 * A pattern matches when it is found anywhere in the text, as GitLab's {@code scan} does. Java's engine can still
 * backtrack a long time on nested quantifiers such as {@code (a+)+}; a match that reads the text more than
 * {@value #READ_BUDGET} times is abandoned and counts as not found (RE2 would have answered in linear time).
 */
public final class RegexPattern {

    static final int READ_BUDGET = 1_000_000;

    private final String source;
    private final Pattern pattern;

    private RegexPattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Whether {@code text} looks like a {@code /pattern/flags} literal (GitLab's test for a pattern in a variable). */
    public static boolean looksLikePattern(String text) {
        return text != null && text.length() >= 2 && text.charAt(0) == '/' && closingSlash(text) > 0;
    }

    /** Parses {@code /body/flags}; {@code character} is the 1-based position of the literal, for messages. */
    public static RegexPattern parse(String literal, int character) {
        int close = closingSlash(literal);
        if (!literal.startsWith("/") || close <= 0) {
            throw new InvalidExpressionException("a pattern must look like /regex/ or /regex/i", character);
        }
        String body = literal.substring(1, close).replace("\\/", "/");
        if (body.isEmpty()) {
            throw new InvalidExpressionException("the pattern // is empty", character);
        }
        int flags = 0;
        for (char flag : literal.substring(close + 1).toCharArray()) {
            flags |= switch (flag) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'U' -> throw new InvalidExpressionException("the flag U (ungreedy) is not supported", character);
                default -> throw new InvalidExpressionException("unknown pattern flag '" + flag
                        + "' (use i, m or s)", character);
            };
        }
        unsupportedConstruct(body).ifPresent(construct -> {
            throw new InvalidExpressionException("the pattern uses " + construct + ", which GitLab's RE2 engine "
                    + "does not support", character);
        });
        try {
            return new RegexPattern(literal, Pattern.compile(body, flags));
        } catch (PatternSyntaxException e) {
            throw new InvalidExpressionException("invalid regular expression: " + e.getDescription(), character);
        }
    }

    /** Whether the pattern is found anywhere in {@code text}. */
    public boolean foundIn(String text) {
        try {
            return pattern.matcher(new BudgetedText(text)).find();
        } catch (BudgetedText.Exhausted e) {
            return false;
        }
    }

    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegexPattern that && that.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** Index of the slash that closes the body: the last unescaped '/' followed only by letters. */
    private static int closingSlash(String literal) {
        int i = 1;
        int close = -1;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '/') {
                close = i;
                break;
            }
            i++;
        }
        if (close < 0) {
            return -1;
        }
        for (int j = close + 1; j < literal.length(); j++) {
            if (!Character.isLetter(literal.charAt(j))) {
                return -1;
            }
        }
        return close;
    }

    private static Optional<String> unsupportedConstruct(String body) {
        boolean inClass = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            char next = i + 1 < body.length() ? body.charAt(i + 1) : 0;
            if (c == '\\') {
                if (!inClass && next >= '1' && next <= '9') {
                    return Optional.of("a backreference (\\" + next + ")");
                }
                if (!inClass && next == 'k') {
                    return Optional.of("a named backreference (\\k)");
                }
                if (next == 'Z' || next == 'G') {
                    return Optional.of("\\" + next);
                }
                i++;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (next == ']') {
                    i++; // "[]...]" has a literal ']' first
                }
                continue;
            }
            if (c == '(' && next == '?') {
                String rest = body.substring(i + 2);
                if (rest.startsWith("=") || rest.startsWith("!")) {
                    return Optional.of("a lookahead (?" + rest.charAt(0) + "...)");
                }
                if (rest.startsWith("<=") || rest.startsWith("<!")) {
                    return Optional.of("a lookbehind (?" + rest.substring(0, 2) + "...)");
                }
                if (rest.startsWith(">")) {
                    return Optional.of("an atomic group (?>...)");
                }
            }
            if ((c == '*' || c == '+' || c == '?' || c == '}') && next == '+') {
                return Optional.of("a possessive quantifier (" + c + "+)");
            }
        }
        return Optional.empty();
    }
}
