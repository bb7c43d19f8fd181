package io.opsplane.observability.rules.template;

import java.util.Map;
import java.util.TreeMap;

/** What an alert template sees as its data ({@code .Labels}, {@code .ExternalLabels}, {@code .ExternalURL}, {@code .Value}). */
public record TemplateData(Map<String, String> labels, Map<String, String> externalLabels, String externalUrl,
        double value) {

    /** How Go names the anonymous struct Prometheus passes, in errors about its fields. */
    static final String GO_TYPE =
            "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }";

    public TemplateData {
        labels = Map.copyOf(new TreeMap<>(labels));
        externalLabels = Map.copyOf(new TreeMap<>(externalLabels));
    }

    /** The field of the struct by its Go name, or null when there is no such field. */
    Object field(String name) {
        return switch (name) {
            case "Labels" -> labels;
            case "ExternalLabels" -> externalLabels;
            case "ExternalURL" -> externalUrl;
            case "Value" -> value;
            default -> null;
        };
    }
}
