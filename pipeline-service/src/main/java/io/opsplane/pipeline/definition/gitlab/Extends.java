package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code extends} as GitLab does: the bases are resolved first (recursively, at most
 * {@value #MAX_NESTING} levels), merged in the order listed with {@link DeepMerge} (a later base overrides an
 * earlier one), and the job's own keys are merged last. Maps merge key by key, lists and scalars are replaced. A
 * cycle is refused with its path; an unknown base is refused by name.
 */
public final class Extends {

    public static final int MAX_NESTING = 10;

    private final YamlMap definition;
    private final Map<String, YamlMap> resolved = new HashMap<>();

    private Extends(YamlMap definition) {
        this.definition = definition;
    }

    /** The definition with every entry that extends others replaced by its merged content (without extends). */
    public static YamlMap resolve(YamlMap definition, java.util.Set<String> globalKeywords)
            throws InvalidDefinitionException {
        Extends extendsResolver = new Extends(definition);
        Map<String, YamlMap.Entry> result = new LinkedHashMap<>();
        for (YamlMap.Entry entry : definition.entries()) {
            if (!globalKeywords.contains(entry.key()) && entry.value() instanceof YamlMap map && map.has("extends")) {
                YamlMap merged = extendsResolver.resolve(entry.key(), new ArrayList<>());
                result.put(entry.key(), new YamlMap.Entry(entry.key(), entry.keyPosition(), merged));
            } else {
                result.put(entry.key(), entry);
            }
        }
        return new YamlMap(result.values(), definition.position());
    }

    private YamlMap resolve(String name, List<String> chain) throws InvalidDefinitionException {
        YamlMap done = resolved.get(name);
        if (done != null) {
            return done;
        }
        YamlMap own = (YamlMap) definition.get(name).orElseThrow();
        Optional<YamlMap.Entry> extendsEntry = own.entry("extends");
        if (extendsEntry.isEmpty()) {
            return own;
        }
        Where where = owner(name).at("extends");
        chain.add(name);
        if (chain.size() > MAX_NESTING + 1) {
            throw where.error(extendsEntry.get().keyPosition(), "extends are nested deeper than " + MAX_NESTING
                    + " levels (" + String.join(" → ", chain) + ")");
        }
        YamlMap merged = YamlMap.empty(own.position());
        YamlValue bases = extendsEntry.get().value();
        for (YamlValue baseValue : Read.items(bases)) {
            String base = Read.string(where, baseValue);
            if (chain.contains(base)) {
                List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(base), chain.size()));
                cycle.add(base);
                throw where.error(baseValue, "extends form a cycle: " + String.join(" → ", cycle));
            }
            Optional<YamlValue> target = definition.get(base);
            if (target.isEmpty()) {
                throw where.error(baseValue, "unknown target '" + base + "' (no job or hidden job has that name)");
            }
            if (!(target.get() instanceof YamlMap)) {
                throw where.error(baseValue, "the target '" + base + "' is not a mapping (it is "
                        + target.get().describe() + ")");
            }
            merged = DeepMerge.merge(merged, resolve(base, chain));
        }
        chain.remove(chain.size() - 1);
        YamlMap result = DeepMerge.merge(merged, own).without("extends");
        result = new YamlMap(result.entries(), own.position());
        resolved.put(name, result);
        return result;
    }

    static Where owner(String key) {
        return key.startsWith(".") ? new Where("hidden job '" + key + "'", "") : Where.job(key);
    }
}
