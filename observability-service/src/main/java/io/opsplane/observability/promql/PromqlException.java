package io.opsplane.observability.promql;

import java.nio.charset.StandardCharsets;

/**
 * A query Prometheus would refuse. The message reads as Prometheus prints it,
 * {@code <line>:<column>: parse error: <reason>}, the column counted in bytes from 1.
 */
public final class PromqlException extends IllegalArgumentException {

    private final int line;
    private final int column;
    private final String reason;

    PromqlException(String query, int position, String reason) {
        this(lineOf(query, position), columnOf(query, position), reason);
    }

    private PromqlException(int line, int column, String reason) {
        super(line + ":" + column + ": parse error: " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without position. */
    public String reason() {
        return reason;
    }

    private static int lineOf(String query, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String query, int position) {
        int end = Math.min(position, query.length());
        int lineStart = query.lastIndexOf('\n', end - 1) + 1;
        return query.substring(lineStart, end).getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
