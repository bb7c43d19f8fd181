package io.opsplane.observability.promql;

import java.util.List;

/**
 * How the two sides of a binary operation between instant vectors are matched: on (or ignoring)
 * which labels, with which cardinality, and which labels of the "one" side a group modifier copies.
 */
public record VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {

    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }
}
