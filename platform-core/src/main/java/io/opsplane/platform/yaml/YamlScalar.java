package io.opsplane.platform.yaml;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A single value as written. {@code plain} says it was written without quotes, the only way YAML lets
 * {@code true}, {@code 12} or {@code null} mean anything other than text.
 */
public record YamlScalar(String text, boolean plain, boolean explicitNull, YamlLocation location, String path)
        implements YamlNode {

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    // YAML 1.1 booleans, which the Go and Python YAML libraries that such files are written for accept.
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

    /** Written as {@code null}, {@code ~} or nothing at all (or tagged {@code !!null}). */
    public boolean isNull() {
        return explicitNull || (plain && NULLS.contains(text));
    }

    @Override
    public String describe() {
        return isNull() ? "nothing (null)" : "the value '" + abbreviated() + "'";
    }

    public int toInt() {
        if (!DECIMAL.matcher(text).matches()) {
            throw error("expected a whole number, found " + describe());
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error("the number " + text + " is out of range");
        }
    }

    public boolean toBool() {
        if (plain && TRUES.contains(text)) {
            return true;
        }
        if (plain && FALSES.contains(text)) {
            return false;
        }
        throw error("expected true or false, found " + describe());
    }

    /** A Prometheus duration such as {@code 1d2h30m}, {@code 0s} or {@code 500ms}. */
    public Duration toDuration() {
        try {
            return PrometheusDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private String abbreviated() {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
