package io.opsplane.deploy.analysis.condition;

import java.util.List;

/** A measurement's result: one number (a PromQL scalar) or a list (a PromQL vector's sample values). */
public record MetricValue(List<Double> values, boolean isList) {

    public MetricValue {
        values = List.copyOf(values);
        if (!isList && values.size() != 1) {
            throw new IllegalArgumentException("a single number needs exactly one value, got " + values.size());
        }
    }

    public static MetricValue number(double value) {
        return new MetricValue(List.of(value), false);
    }

    public static MetricValue list(List<Double> values) {
        return new MetricValue(values, true);
    }
}
