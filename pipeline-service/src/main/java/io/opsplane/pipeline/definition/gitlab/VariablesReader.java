package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.VariableSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code variables:}: each value a scalar (numbers and booleans become strings, {@code null} the empty string) or
 * {@code {value, description, options, expand}}; with {@code options}, the value must be one of them.
 */
final class VariablesReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Set<String> DETAILED_KEYS = Set.of("value", "description", "options", "expand");

    private VariablesReader() {
    }

    static Map<String, VariableSpec> read(Where where, YamlValue value) throws InvalidDefinitionException {
        Map<String, VariableSpec> variables = new LinkedHashMap<>();
        if (value instanceof YamlScalar scalar && scalar.isNull()) {
            return variables;
        }
        YamlMap map = Read.map(where, value);
        for (YamlMap.Entry entry : map.entries()) {
            Where variable = where.at(entry.key());
            if (!NAME.matcher(entry.key()).matches()) {
                throw where.error(entry.keyPosition(), "'" + entry.key() + "' is not a valid variable name (use "
                        + "letters, digits and _)");
            }
            variables.put(entry.key(), spec(variable, entry.value()));
        }
        return variables;
    }

    private static VariableSpec spec(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar scalar) {
            return VariableSpec.of(scalar.isNull() ? "" : scalar.text());
        }
        if (!(value instanceof YamlMap map)) {
            throw where.error(value, "expected a value or {value, description}, found " + value.describe());
        }
        Read.keys(where, map, DETAILED_KEYS);
        String text = map.present("value").isPresent() ? Read.string(where.at("value"), map.present("value").get())
                : "";
        String description = map.present("description").isPresent()
                ? Read.string(where.at("description"), map.present("description").get()) : "";
        List<String> options = map.present("options").isPresent()
                ? Read.strings(where.at("options"), map.present("options").get()) : List.of();
        boolean expand = map.present("expand").isEmpty() || Read.bool(where.at("expand"), map.present("expand").get());
        if (!options.isEmpty() && !options.contains(text)) {
            throw where.at("value").error(map.present("value").orElse(map), "'" + text + "' is not one of the "
                    + "options " + options);
        }
        return new VariableSpec(text, description, options, expand);
    }
}
