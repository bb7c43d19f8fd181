package io.opsplane.observability.promql;

/** The four PromQL value types, with the two names Prometheus uses for each in its errors. */
public enum ValueType {
    SCALAR("scalar", "scalar"),
    STRING("string", "string"),
    INSTANT_VECTOR("vector", "instant vector"),
    RANGE_VECTOR("matrix", "range vector");

    private final String internalName;
    private final String documentedName;

    ValueType(String internalName, String documentedName) {
        this.internalName = internalName;
        this.documentedName = documentedName;
    }

    /** The name Prometheus prints in most type errors ("instant vector", "range vector"). */
    public String documentedName() {
        return documentedName;
    }

    /** The name Prometheus prints in a few errors (e.g. subqueries): "vector", "matrix". */
    String internalName() {
        return internalName;
    }
}
