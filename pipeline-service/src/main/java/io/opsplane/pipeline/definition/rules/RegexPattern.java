package io.opsplane.pipeline.definition.rules;

import io.opsplane.platform.regex.Re2Pattern;
import java.util.regex.Pattern;

/**
 * A {@code /pattern/flags} literal. GitLab evaluates these with RE2, so the body goes through {@link Re2Pattern}:
 * constructs RE2 lacks are refused and a match that backtracks too long counts as not found. Flags: {@code i}
 * (case-insensitive), {@code m} (^ and $ at line breaks), {@code s} (. matches a line break); RE2's {@code U}
 * (ungreedy) has no Java equivalent. A pattern matches when it is found anywhere in the text, as GitLab's
 * {@code scan} does.
 */
public final class RegexPattern {

    private final String source;
    private final Re2Pattern pattern;

    private RegexPattern(String source, Re2Pattern pattern) {
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
        try {
            return new RegexPattern(literal, Re2Pattern.compile(body, flags));
        } catch (Re2Pattern.InvalidRegexException e) {
            throw new InvalidExpressionException(e.unsupportedConstruct()
                    .map(construct -> "the pattern uses " + construct + ", which GitLab's RE2 engine does not support")
                    .orElse(e.description()), character);
        }
    }

    /** Whether the pattern is found anywhere in {@code text}. */
    public boolean foundIn(String text) {
        return pattern.foundIn(text);
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
}
