package io.opsplane.observability.promql;

import java.util.Objects;
import io.opsplane.platform.regex.Re2Pattern;

/**
 * One label matcher of a selector; regular expressions are compiled anchored at both ends, and a
 * match that backtracks beyond the platform's budget counts as no match.
 */
public final class LabelMatcher {

    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    private final String name;
    private final Type type;
    private final String value;
    private final Re2Pattern pattern;

    private LabelMatcher(String name, Type type, String value, Re2Pattern pattern) {
        this.name = name;
        this.type = type;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * A matcher; for the regex types the value must be an RE2 expression.
     *
     * @throws Re2Regex.InvalidRegexException when a regex value is not valid RE2
     */
    public static LabelMatcher of(String name, Type type, String value) {
        Re2Pattern pattern = type == Type.REGEX || type == Type.NOT_REGEX ? Re2Regex.anchored(value) : null;
        return new LabelMatcher(name, type, value, pattern);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String value() {
        return value;
    }

    public boolean matches(String labelValue) {
        return switch (type) {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> pattern.matchesWhole(labelValue);
            case NOT_REGEX -> !pattern.matchesWhole(labelValue);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMatcher that
                && name.equals(that.name) && type == that.type && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + type.spelling + GoQuoting.quote(value);
    }
}
