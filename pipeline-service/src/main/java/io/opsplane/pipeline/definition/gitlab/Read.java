package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of values, each failing with a message that names the owner, the keyword and the position. */
public final class Read {

    /** GitLab flattens nested lists (from {@code !reference}) in scripts and rules up to this depth. */
    public static final int MAX_LIST_NESTING = 10;

    private Read() {
    }

    public static YamlMap map(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlMap map) {
            return map;
        }
        throw where.error(value, "expected a mapping, found " + value.describe());
    }

    /** A scalar as text: strings, numbers and booleans are accepted (GitLab turns them into strings). */
    public static String string(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar scalar && !scalar.isNull()) {
            return scalar.text();
        }
        throw where.error(value, "expected a string, found " + value.describe());
    }

    /** A string or a list of strings; nested lists are flattened; {@code null} is an empty list. */
    public static List<String> strings(Where where, YamlValue value) throws InvalidDefinitionException {
        List<String> result = new ArrayList<>();
        if (value instanceof YamlScalar scalar && scalar.isNull()) {
            return result;
        }
        if (value instanceof YamlScalar) {
            result.add(string(where, value));
            return result;
        }
        if (!(value instanceof YamlList)) {
            throw where.error(value, "expected a string or a list of strings, found " + value.describe());
        }
        for (YamlValue item : flatten(where, value)) {
            result.add(string(where, item));
        }
        return result;
    }

    /** A list's items with nested lists flattened (a single value is a list of one). */
    public static List<YamlValue> flatten(Where where, YamlValue value) throws InvalidDefinitionException {
        List<YamlValue> result = new ArrayList<>();
        flatten(where, value, 0, result);
        return result;
    }

    private static void flatten(Where where, YamlValue value, int depth, List<YamlValue> into)
            throws InvalidDefinitionException {
        if (!(value instanceof YamlList list)) {
            into.add(value);
            return;
        }
        if (depth > MAX_LIST_NESTING) {
            throw where.error(value, "lists are nested deeper than " + MAX_LIST_NESTING + " levels");
        }
        for (YamlValue item : list.items()) {
            flatten(where, item, depth + 1, into);
        }
    }

    /** The items of a list (not flattened); a single value is a list of one. */
    public static List<YamlValue> items(YamlValue value) {
        return value instanceof YamlList list ? list.items() : List.of(value);
    }

    public static boolean bool(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(scalar.text());
        }
        throw where.error(value, "expected true or false, found " + value.describe());
    }

    public static long integer(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.INTEGER
                && scalar.text().matches("[-+]?[0-9_]+")) {
            try {
                return Long.parseLong(scalar.text().replace("_", ""));
            } catch (NumberFormatException e) {
                throw where.error(value, "the number " + scalar.text() + " is too large");
            }
        }
        throw where.error(value, "expected a whole number, found " + value.describe());
    }

    /** One of {@code choices}, spelt as in the YAML. */
    public static String choice(Where where, YamlValue value, Set<String> choices) throws InvalidDefinitionException {
        String text = string(where, value);
        if (!choices.contains(text)) {
            throw where.error(value, "expected one of " + String.join(", ", new TreeSet<>(choices)) + ", found '"
                    + text + "'");
        }
        return text;
    }

    /** Refuses keys outside {@code allowed}, naming the first one. */
    public static void keys(Where where, YamlMap map, Set<String> allowed) throws InvalidDefinitionException {
        for (YamlMap.Entry entry : map.entries()) {
            if (!allowed.contains(entry.key())) {
                throw where.at(entry.key()).error(entry.keyPosition(), "unknown keyword (known here: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** Refuses keys with a reason, before any other check. */
    public static void refused(Where where, YamlMap map, Map<String, String> refused)
            throws InvalidDefinitionException {
        for (YamlMap.Entry entry : map.entries()) {
            String why = refused.get(entry.key());
            if (why != null) {
                throw where.at(entry.key()).unsupported(entry.keyPosition(), why);
            }
        }
    }

    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
