package io.opsplane.pipeline.definition.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitLab's merge of configuration hashes (ActiveSupport's {@code deep_merge}), used for includes and
 * {@code extends}: two mappings merge key by key, recursively; any other value of the overriding side (a list, a
 * scalar, {@code null}) replaces the base value whole. Keys keep the base's order; new keys follow.
 */
public final class DeepMerge {

    private DeepMerge() {
    }

    public static YamlMap merge(YamlMap base, YamlMap override) {
        Map<String, YamlMap.Entry> result = new LinkedHashMap<>();
        base.entries().forEach(entry -> result.put(entry.key(), entry));
        for (YamlMap.Entry entry : override.entries()) {
            YamlMap.Entry existing = result.get(entry.key());
            if (existing != null && existing.value() instanceof YamlMap baseMap
                    && entry.value() instanceof YamlMap overrideMap) {
                result.put(entry.key(), new YamlMap.Entry(entry.key(), entry.keyPosition(),
                        merge(baseMap, overrideMap)));
            } else {
                result.put(entry.key(), entry);
            }
        }
        List<YamlMap.Entry> entries = new ArrayList<>(result.values());
        return new YamlMap(entries, override.position());
    }
}
