package io.opsplane.observability.alerting.matcher;

import io.opsplane.platform.regex.Re2Pattern;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One label matcher, as Alertmanager's: a label that is absent has the value "", and a regular expression must
 * match the whole value (it is anchored as {@code ^(?:re)$}) and may use only what RE2 supports.
 */
public final class Matcher {

    /** Alertmanager sorts matchers by name, then operator, then value; route keys depend on that order. */
    public static final Comparator<Matcher> ORDER = Comparator.comparing(Matcher::name)
            .thenComparing(Matcher::type)
            .thenComparing(Matcher::value);

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final String name;
    private final MatchType type;
    private final String value;
    private final Optional<Re2Pattern> regex;

    private Matcher(String name, MatchType type, String value, Optional<Re2Pattern> regex) {
        this.name = name;
        this.type = type;
        this.value = value;
        this.regex = regex;
    }

    /** @throws InvalidMatcherException for an invalid label name or regular expression */
    public static Matcher of(String name, MatchType type, String value) {
        if (!LABEL_NAME.matcher(name).matches()) {
            throw new InvalidMatcherException("invalid label name '" + name + "'");
        }
        Optional<Re2Pattern> regex = Optional.empty();
        if (type == MatchType.REGEXP || type == MatchType.NOT_REGEXP) {
            try {
                regex = Optional.of(Re2Pattern.compile("^(?:" + value + ")$", 0));
            } catch (Re2Pattern.InvalidRegexException e) {
                throw new InvalidMatcherException("the matcher " + name + type.symbol() + "\"" + value + "\": "
                        + e.description());
            }
        }
        return new Matcher(name, type, value, regex);
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    public boolean matches(Map<String, String> labels) {
        return matchesValue(labels.getOrDefault(name, ""));
    }

    /** Whether a label that is absent (or empty) satisfies this matcher. */
    public boolean matchesEmpty() {
        return matchesValue("");
    }

    private boolean matchesValue(String actual) {
        return switch (type) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEXP -> regex.orElseThrow().matchesWhole(actual);
            case NOT_REGEXP -> !regex.orElseThrow().matchesWhole(actual);
        };
    }

    /** Alertmanager's form: {@code name="value"} with backslash, quote and line feed escaped. */
    @Override
    public String toString() {
        String escaped = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
        return name + type.symbol() + "\"" + escaped + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Matcher that && that.name.equals(name) && that.type == type
                && that.value.equals(value);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
