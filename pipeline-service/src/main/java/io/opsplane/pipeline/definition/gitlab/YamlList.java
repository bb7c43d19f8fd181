package io.opsplane.pipeline.definition.gitlab;

import java.util.List;

public record YamlList(List<YamlValue> items, Position position) implements YamlValue {

    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
