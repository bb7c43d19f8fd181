package io.opsplane.pipeline.definition;

/** A definition that cannot be accepted, with the 1-based position of the problem when known. */
public class InvalidDefinitionException extends Exception {

    private final int line;
    private final int column;

    public InvalidDefinitionException(String problem, int line, int column) {
        super(problem);
        this.line = line;
        this.column = column;
    }

    public InvalidDefinitionException(String problem) {
        this(problem, 0, 0);
    }

    public String problem() {
        return getMessage();
    }

    /** 1-based; 0 when the problem has no position (for example, the document is empty). */
    public int line() {
        return line;
    }

    /** 1-based; 0 when the problem has no position. */
    public int column() {
        return column;
    }

    /** The problem with its position, as shown to a user. */
    public String describe() {
        return line > 0 ? "line " + line + ", column " + column + ": " + problem() : problem();
    }
}
