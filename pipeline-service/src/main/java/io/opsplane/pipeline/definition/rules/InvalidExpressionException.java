package io.opsplane.pipeline.definition.rules;

/** An expression that cannot be parsed, with the 1-based character where the problem is. */
public class InvalidExpressionException extends IllegalArgumentException {

    private final int character;
    private final String reason;

    public InvalidExpressionException(String reason, int character) {
        super("at character " + character + ": " + reason);
        this.reason = reason;
        this.character = character;
    }

    /** 1-based index of the character in the expression source. */
    public int character() {
        return character;
    }

    public String reason() {
        return reason;
    }
}
