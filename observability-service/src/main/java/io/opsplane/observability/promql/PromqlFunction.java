package io.opsplane.observability.promql;

import java.util.List;

/**
 * A PromQL function's signature. {@code variadic} follows Prometheus: 0 means exactly the listed
 * arguments, n &gt; 0 means the last one may be left out or repeated up to n times in all, -1 means
 * the last one may repeat without bound.
 */
public record PromqlFunction(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {

    public PromqlFunction {
        argTypes = List.copyOf(argTypes);
    }
}
