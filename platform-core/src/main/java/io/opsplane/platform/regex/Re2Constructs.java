package io.opsplane.platform.regex;

import java.util.Optional;

/**
 * Finds the first construct of a Java regular expression that RE2 (Go's and GitLab's engine, which never
 * backtracks) lacks: lookaround, backreferences, atomic groups, possessive quantifiers, {@code \Z}, {@code \G}, and
 * inline flags other than {@code i}, {@code m} and {@code s} (Java's {@code (?U)} even means something else).
 * Refusing them keeps a pattern meaning the same here and in the tools users know, and removes the constructs that
 * make Java's engine backtrack without end.
 */
public final class Re2Constructs {

    private Re2Constructs() {
    }

    /** A readable name of the first unsupported construct in {@code regex}, such as "a lookahead (?=...)". */
    public static Optional<String> firstUnsupported(String regex) {
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            char next = i + 1 < regex.length() ? regex.charAt(i + 1) : 0;
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
                // \p{...}, \P{...} and \x{...} end at their brace, which is no quantifier; \Q...\E is literal text.
                if ((next == 'p' || next == 'P' || next == 'x') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
                    int close = regex.indexOf('}', i + 3);
                    i = close < 0 ? regex.length() : close;
                    continue;
                }
                if (next == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? regex.length() : end + 1;
                    continue;
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
                String rest = regex.substring(i + 2);
                if (rest.startsWith("=") || rest.startsWith("!")) {
                    return Optional.of("a lookahead (?" + rest.charAt(0) + "...)");
                }
                if (rest.startsWith("<=") || rest.startsWith("<!")) {
                    return Optional.of("a lookbehind (?" + rest.substring(0, 2) + "...)");
                }
                if (rest.startsWith(">")) {
                    return Optional.of("an atomic group (?>...)");
                }
                Optional<String> flag = unsupportedInlineFlag(rest);
                if (flag.isPresent()) {
                    return flag;
                }
            }
            if ((c == '*' || c == '+' || c == '?' || c == '}') && next == '+') {
                return Optional.of("a possessive quantifier (" + c + "+)");
            }
        }
        return Optional.empty();
    }

    /** For {@code (?flags)} or {@code (?flags:...)}, the first flag RE2 would not read as Java does. */
    private static Optional<String> unsupportedInlineFlag(String afterQuestionMark) {
        if (afterQuestionMark.startsWith("P<")) {
            return Optional.empty(); // RE2's named group; Java reports it as invalid
        }
        for (int i = 0; i < afterQuestionMark.length(); i++) {
            char flag = afterQuestionMark.charAt(i);
            if (flag == ':' || flag == ')') {
                return Optional.empty();
            }
            if (flag == 'U') {
                return Optional.of("the inline flag U (ungreedy in RE2, Unicode classes in Java)");
            }
            if (Character.isLetter(flag) && flag != 'i' && flag != 'm' && flag != 's') {
                return Optional.of("the inline flag " + flag);
            }
            if (!Character.isLetter(flag) && flag != '-') {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
