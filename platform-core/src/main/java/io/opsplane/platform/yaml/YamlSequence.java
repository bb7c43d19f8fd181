package io.opsplane.platform.yaml;

import java.util.List;

/** A list; its items' paths end in {@code [index]}. */
public record YamlSequence(List<YamlNode> items, YamlLocation location, String path) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
