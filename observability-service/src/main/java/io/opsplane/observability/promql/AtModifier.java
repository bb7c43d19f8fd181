package io.opsplane.observability.promql;

/** The {@code @} modifier: a fixed timestamp, or the start or end of the query range. */
public record AtModifier(Kind kind, long timestampMillis) {

    public enum Kind { TIMESTAMP, START, END }

    static AtModifier at(long timestampMillis) {
        return new AtModifier(Kind.TIMESTAMP, timestampMillis);
    }
}
