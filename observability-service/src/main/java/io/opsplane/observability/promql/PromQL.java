package io.opsplane.observability.promql;

/**
 * Parses and type-checks PromQL as Prometheus 2.42 does. Resource use is bounded: queries longer
 * than {@link #MAX_QUERY_LENGTH} characters or nesting deeper than {@link #MAX_NESTING} levels
 * (parentheses, calls, aggregations, unary signs and chained binary operators each count) are refused.
 */
public final class PromQL {

    public static final int MAX_QUERY_LENGTH = 65_536;
    public static final int MAX_NESTING = 256;

    private PromQL() {
    }

    /**
     * The parsed, type-checked query.
     *
     * @throws PromqlException naming line, column and reason, worded as Prometheus does
     */
    public static ParsedQuery parse(String query) {
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new PromqlException(query, 0, "query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        Expr expr = new Parser(query, MAX_NESTING).parse();
        return ParsedQuery.of(query, new TypeChecker(query).check(expr));
    }
}
