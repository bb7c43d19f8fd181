package io.opsplane.pipeline.definition.gitlab;

import java.util.List;

/** A {@code !reference [key, sub-key, ...]} tag, resolved once the includes and {@code extends} are merged. */
public record YamlReference(List<String> path, Position position) implements YamlValue {

    public YamlReference {
        path = List.copyOf(path);
    }

    @Override
    public String describe() {
        return "!reference " + path;
    }
}
