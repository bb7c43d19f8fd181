package io.opsplane.observability.promql;

/** PromQL's aggregation operators. */
public enum AggregationOp {
    SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, COUNT_VALUES, QUANTILE;

    /** The operator's name as written in queries and errors. */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
