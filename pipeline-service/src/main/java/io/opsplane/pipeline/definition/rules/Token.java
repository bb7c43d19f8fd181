package io.opsplane.pipeline.definition.rules;

/** One lexeme of a CI/CD expression; {@code start} is the 0-based index of its first character. */
record Token(Kind kind, String text, int start) {

    enum Kind {
        VARIABLE, STRING, PATTERN, NULL, EQUALS, NOT_EQUALS, MATCHES, NOT_MATCHES, AND, OR, OPEN, CLOSE, END
    }

    /** 1-based, for messages. */
    int character() {
        return start + 1;
    }

    String describe() {
        return kind == Kind.END ? "the end of the expression" : "'" + text + "'";
    }
}
