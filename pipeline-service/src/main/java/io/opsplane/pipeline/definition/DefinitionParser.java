package io.opsplane.pipeline.definition;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a pipeline definition safely: bounded size, nesting and aliases (no "billion laughs"), no
 * duplicate keys, no custom tags (nothing is ever instantiated from the document). Every rejection
 * names the line and column. The checks themselves live in {@link SafeYaml}.
 */
public final class DefinitionParser {

    public static final int MAX_CODE_POINTS = SafeYaml.MAX_CODE_POINTS;
    public static final int MAX_DEPTH = SafeYaml.MAX_DEPTH;
    public static final int MAX_ALIASES = 50;

    /** Parses {@code yaml}; the document must be a non-empty mapping. */
    public Map<?, ?> parse(String yaml) throws InvalidDefinitionException {
        SafeYaml.checkInput(yaml);
        LoadSettings settings = SafeYaml.settings(MAX_ALIASES);
        SafeYaml.checkShape(settings, yaml);
        Object document;
        try {
            document = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw SafeYaml.translate(yaml, e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidDefinitionException("the definition must be a YAML mapping (key: value pairs) at the "
                    + "top level", 1, 1);
        }
        if (map.isEmpty()) {
            throw new InvalidDefinitionException("the definition has no entries", 1, 1);
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidDefinitionException("top-level keys must be strings, found " + key, 1, 1);
            }
        }
        return map;
    }
}
