package io.opsplane.pipeline.definition.gitlab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A mapping with string keys in written order; each entry keeps where its key was written. Never modified. */
public final class YamlMap implements YamlValue {

    /** One key and its value. */
    public record Entry(String key, Position keyPosition, YamlValue value) {
    }

    private final Map<String, Entry> entries;
    private final Position position;

    public YamlMap(Collection<Entry> entries, Position position) {
        Map<String, Entry> copy = new LinkedHashMap<>();
        for (Entry entry : entries) {
            copy.put(entry.key(), entry);
        }
        this.entries = java.util.Collections.unmodifiableMap(copy);
        this.position = position;
    }

    public static YamlMap empty(Position position) {
        return new YamlMap(List.of(), position);
    }

    public Optional<YamlValue> get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value, treating an explicit {@code null} like an absent key (GitLab does for every keyword). */
    public Optional<YamlValue> present(String key) {
        return get(key).filter(value -> !(value instanceof YamlScalar scalar && scalar.isNull()));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A copy without {@code key}. */
    public YamlMap without(String key) {
        List<Entry> kept = new ArrayList<>(entries.values());
        kept.removeIf(entry -> entry.key().equals(key));
        return new YamlMap(kept, position);
    }

    /** A copy with {@code key} set (replacing an existing entry in place, or appended). */
    public YamlMap with(String key, Position keyPosition, YamlValue value) {
        Map<String, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(key, new Entry(key, keyPosition, value));
        return new YamlMap(copy.values(), position);
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
