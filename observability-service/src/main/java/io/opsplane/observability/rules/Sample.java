package io.opsplane.observability.rules;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One series of a query result or of a rule's output: its labels (sorted by name) and value. */
public record Sample(SortedMap<String, String> labels, double value) {

    public Sample {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static Sample of(Map<String, String> labels, double value) {
        return new Sample(new TreeMap<>(labels), value);
    }
}
