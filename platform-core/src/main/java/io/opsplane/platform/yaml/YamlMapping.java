package io.opsplane.platform.yaml;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping with text keys in the order written (duplicates were refused while reading). Keys whose value is null
 * count as absent for the {@code optional...} accessors, as a Go or Python loader would leave such a field unset.
 */
public final class YamlMapping implements YamlNode {

    /** One pair: the key keeps its own location, so an unknown or misplaced key can be named where it is written. */
    public record Entry(YamlScalar key, YamlNode value) {
    }

    private final Map<String, Entry> entries;
    private final YamlLocation location;
    private final String path;

    public YamlMapping(Collection<Entry> entries, YamlLocation location, String path) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        entries.forEach(entry -> byKey.put(entry.key().text(), entry));
        this.entries = byKey;
        this.location = location;
        this.path = path;
    }

    @Override
    public YamlLocation location() {
        return location;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public boolean has(String key) {
        return optional(key).isPresent();
    }

    /** The value of {@code key}, empty when the key is absent or its value is null. */
    public Optional<YamlNode> optional(String key) {
        Entry entry = entries.get(key);
        if (entry == null || (entry.value() instanceof YamlScalar scalar && scalar.isNull())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    public YamlNode required(String key) {
        return optional(key).orElseThrow(() -> error("the field '" + key + "' is required"));
    }

    public Optional<String> optionalString(String key) {
        return optional(key).map(YamlNode::asString);
    }

    public boolean bool(String key, boolean absent) {
        return optional(key).map(YamlNode::asBool).orElse(absent);
    }

    public Optional<Duration> optionalDuration(String key) {
        return optional(key).map(YamlNode::asDuration);
    }

    public Optional<YamlMapping> optionalMapping(String key) {
        return optional(key).map(YamlNode::asMapping);
    }

    /** The items of the list under {@code key}, none when it is absent. */
    public List<YamlNode> list(String key) {
        return optional(key).map(node -> node.asSequence().items()).orElse(List.of());
    }

    public List<String> stringList(String key) {
        return optional(key).map(YamlNode::asStringList).orElse(List.of());
    }

    /** Refuses every key not in {@code known}, naming the first such key where it is written. */
    public void refuseUnknownKeys(Collection<String> known) {
        for (Entry entry : entries.values()) {
            if (!known.contains(entry.key().text())) {
                throw entry.key().error("unknown field '" + entry.key().text() + "'");
            }
        }
    }
}
