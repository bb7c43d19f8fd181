package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;

/**
 * Whose value is being read, so that every message names it: {@code job 'build': keyword 'artifacts:when'}.
 *
 * @param owner   "job 'build'", "default", or empty for a top-level keyword
 * @param keyword the keyword path, such as {@code artifacts:when}; empty for the owner itself
 */
public record Where(String owner, String keyword) {

    public static Where job(String name) {
        return new Where("job '" + name + "'", "");
    }

    public static Where topLevel(String keyword) {
        return new Where("", keyword);
    }

    /** The same owner, one keyword deeper. */
    public Where at(String child) {
        return new Where(owner, keyword.isEmpty() ? child : keyword + ":" + child);
    }

    public String describe() {
        String key = keyword.isEmpty() ? "" : "keyword '" + keyword + "'";
        if (owner.isEmpty()) {
            return key;
        }
        return key.isEmpty() ? owner : owner + ": " + key;
    }

    public InvalidDefinitionException error(Position position, String problem) {
        String who = describe();
        return position.error(who.isEmpty() ? problem : who + ": " + problem);
    }

    public InvalidDefinitionException error(YamlValue value, String problem) {
        return error(value.position(), problem);
    }

    /** {@code keyword 'x' is not supported (why)}, naming this owner. */
    public InvalidDefinitionException unsupported(Position position, String why) {
        return position.error(describe() + " is not supported: " + why);
    }
}
