package io.opsplane.deploy.analysis.condition;

import io.opsplane.deploy.validation.InvalidFieldException;

/** A condition that does not parse, with the 1-based column where reading stopped. */
public final class ConditionSyntaxException extends InvalidFieldException {

    private final int column;

    ConditionSyntaxException(String field, int column, String problem) {
        super(field, "column " + column + ": " + problem);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
