package io.opsplane.platform.yaml;

/**
 * A YAML text that cannot be read, or a value that does not have the expected shape. It names where: the 1-based
 * line and column, and the path of the value (such as {@code groups[0].rules[2].for}; empty for the document).
 */
public final class YamlException extends RuntimeException {

    private final String problem;
    private final String path;
    private final int line;
    private final int column;

    public YamlException(String problem, String path, int line, int column) {
        super(describe(problem, path, line, column), null, false, false);
        this.problem = problem;
        this.path = path;
        this.line = line;
        this.column = column;
    }

    public String problem() {
        return problem;
    }

    /** The path of the value, empty for the whole document. */
    public String path() {
        return path;
    }

    /** The 1-based line, 0 when the position is unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column, 0 when the position is unknown. */
    public int column() {
        return column;
    }

    private static String describe(String problem, String path, int line, int column) {
        String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return (path.isEmpty() ? "" : path + ": ") + problem + where;
    }
}
