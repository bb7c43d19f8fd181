package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;

/**
 * Where a value was written: the included file it comes from (empty for the definition itself) and its 1-based line
 * and column in that file.
 */
public record Position(String source, int line, int column) {

    public static final Position NONE = new Position("", 0, 0);

    /** A problem at this position; a problem in an included file names the file first. */
    public InvalidDefinitionException error(String problem) {
        String text = source.isEmpty() ? problem : "in '" + source + "': " + problem;
        return new InvalidDefinitionException(text, line, column);
    }

    /** "line 3" or "line 3 of 'ci/x.yml'", for messages that point at a second place. */
    public String describe() {
        return source.isEmpty() ? "line " + line : "line " + line + " of '" + source + "'";
    }
}
