package io.opsplane.platform.yaml;

/**
 * Bounds on what one document may cost to read: its size in code points, its nesting in the text, the aliases it
 * uses, and the values it expands to once aliases are followed (the defence against alias bombs, where a few
 * lines of anchors expand to billions of values).
 */
public record YamlLimits(int maxCodePoints, int maxDepth, int maxAliases, int maxExpandedValues) {

    /** Generous for hand-written configuration and rule files, small enough to read in milliseconds. */
    public static final YamlLimits DEFAULT = new YamlLimits(1024 * 1024, 64, 1_000, 200_000);

    public YamlLimits {
        if (maxCodePoints < 1 || maxDepth < 1 || maxAliases < 0 || maxExpandedValues < 1) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }
}
