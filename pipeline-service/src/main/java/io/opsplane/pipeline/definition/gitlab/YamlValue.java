package io.opsplane.pipeline.definition.gitlab;

/**
 * A definition value after YAML reading: anchors and merge keys applied, every value keeping where it was written,
 * {@code !reference} tags kept as {@link YamlReference} until they are resolved.
 */
public sealed interface YamlValue permits YamlScalar, YamlList, YamlMap, YamlReference {

    Position position();

    /** "a string", "a list"... for messages. */
    String describe();
}
