package io.opsplane.healing.policy;

import io.opsplane.platform.regex.Re2Pattern;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus-style matcher such as {@code application=~"shop-.*"}. A missing label counts as the empty value,
 * as in Prometheus and Alertmanager, and regexes are anchored and RE2-only so a policy cannot stall the engine.
 */
public record LabelMatcher(String label, Operator operator, String value, Re2Pattern regex) {

    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"\\s]*))\\s*");

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static LabelMatcher parse(String text) {
        Matcher syntax = SYNTAX.matcher(text);
        if (!syntax.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher such as name=\"value\", name!=\"value\","
                    + " name=~\"regex\" or name!~\"regex\"");
        }
        Operator operator = switch (syntax.group(2)) {
            case "=" -> Operator.EQUAL;
            case "!=" -> Operator.NOT_EQUAL;
            case "=~" -> Operator.REGEX;
            default -> Operator.NOT_REGEX;
        };
        String value = syntax.group(3) != null ? unescape(syntax.group(3)) : syntax.group(4);
        Re2Pattern regex = null;
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            try {
                regex = Re2Pattern.compile(value, 0);
            } catch (Re2Pattern.InvalidRegexException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        return new LabelMatcher(syntax.group(1), operator, value, regex);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regex.matchesWhole(actual);
            case NOT_REGEX -> !regex.matchesWhole(actual);
        };
    }

    /** Whether some value of the label could satisfy this matcher and {@code candidate} is one of them. */
    public boolean admits(String candidate) {
        return matches(Map.of(label, candidate));
    }

    private static String unescape(String quoted) {
        StringBuilder text = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                text.append(next == 'n' ? '\n' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return label + operator.spelling + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
