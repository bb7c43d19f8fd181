package io.opsplane.healing.diagnosis;

import java.time.Instant;
import java.util.Map;

/** A firing alert as diagnosis sees it: its labels, the value that fired it and when it first fired. */
public record Symptom(String alertId, Map<String, String> labels, double value, Instant firstFiringAt) {

    public Symptom {
        labels = Map.copyOf(labels);
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
