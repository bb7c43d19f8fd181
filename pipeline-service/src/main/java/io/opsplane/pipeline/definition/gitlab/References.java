package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code !reference [key, sub-key, ...]} tags once includes and {@code extends} are merged, as GitLab does:
 * the first name is a top-level key, each further name a key of the mapping reached so far. A referenced value may
 * itself hold references, up to {@value #MAX_NESTING} levels (which also stops a reference to itself). A list that a
 * reference puts inside a list stays nested here; the keywords that take lists flatten them.
 */
public final class References {

    public static final int MAX_NESTING = 10;

    private final YamlMap definition;

    private References(YamlMap definition) {
        this.definition = definition;
    }

    public static YamlMap resolve(YamlMap definition) throws InvalidDefinitionException {
        return (YamlMap) new References(definition).resolve(definition, 0);
    }

    private YamlValue resolve(YamlValue value, int depth) throws InvalidDefinitionException {
        if (value instanceof YamlReference reference) {
            if (depth >= MAX_NESTING) {
                throw reference.position().error("!reference " + reference.path() + " is nested deeper than "
                        + MAX_NESTING + " levels (does it refer to itself?)");
            }
            return resolve(lookup(reference, depth), depth + 1);
        }
        if (value instanceof YamlList list) {
            List<YamlValue> items = new ArrayList<>();
            for (YamlValue item : list.items()) {
                items.add(resolve(item, depth));
            }
            return new YamlList(items, list.position());
        }
        if (value instanceof YamlMap map) {
            List<YamlMap.Entry> entries = new ArrayList<>();
            for (YamlMap.Entry entry : map.entries()) {
                entries.add(new YamlMap.Entry(entry.key(), entry.keyPosition(), resolve(entry.value(), depth)));
            }
            return new YamlMap(entries, map.position());
        }
        return value;
    }

    private YamlValue lookup(YamlReference reference, int depth) throws InvalidDefinitionException {
        YamlValue current = definition;
        List<String> walked = new ArrayList<>();
        for (String name : reference.path()) {
            if (current instanceof YamlReference inner) {
                current = resolve(inner, depth + 1);
            }
            if (!(current instanceof YamlMap map)) {
                throw reference.position().error("!reference " + reference.path() + ": '"
                        + String.join(".", walked) + "' is " + current.describe() + ", not a mapping with '" + name
                        + "'");
            }
            Optional<YamlValue> next = map.get(name);
            if (next.isEmpty()) {
                throw reference.position().error("!reference " + reference.path() + ": '" + name + "' is not "
                        + "defined" + (walked.isEmpty() ? "" : " in '" + String.join(".", walked) + "'"));
            }
            walked.add(name);
            current = next.get();
        }
        return current;
    }
}
