package io.opsplane.platform.yaml;

import java.time.Duration;
import java.util.List;

/**
 * One value of a document read by {@link SafeYamlReader}: it knows where it starts and its path from the root, so
 * every conversion that fails says where. Aliases are expanded, so a value reached through an alias has the path it
 * is reached by.
 */
public sealed interface YamlNode permits YamlScalar, YamlSequence, YamlMapping {

    YamlLocation location();

    /** The path from the root, such as {@code route.routes[2].group_wait}; empty for the document itself. */
    String path();

    /** "a mapping", "a list", "a string ..." — for messages. */
    String describe();

    default YamlException error(String problem) {
        return new YamlException(problem, path(), location().line(), location().column());
    }

    default YamlMapping asMapping() {
        if (this instanceof YamlMapping mapping) {
            return mapping;
        }
        throw error("expected a mapping (key: value pairs), found " + describe());
    }

    default YamlSequence asSequence() {
        if (this instanceof YamlSequence sequence) {
            return sequence;
        }
        throw error("expected a list, found " + describe());
    }

    default YamlScalar asScalar() {
        if (this instanceof YamlScalar scalar && !scalar.isNull()) {
            return scalar;
        }
        throw error("expected a single value, found " + describe());
    }

    default String asString() {
        return asScalar().text();
    }

    default int asInt() {
        return asScalar().toInt();
    }

    default boolean asBool() {
        return asScalar().toBool();
    }

    default Duration asDuration() {
        return asScalar().toDuration();
    }

    /** A list of single values, each converted to text. */
    default List<String> asStringList() {
        return asSequence().items().stream().map(YamlNode::asString).toList();
    }
}
