package io.opsplane.observability.rules;

import io.opsplane.observability.promql.ParsedQuery;
import io.opsplane.observability.rules.template.AlertTemplate;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An alerting rule: its query, how long a result must persist before the alert fires
 * ({@code holdDuration}, Prometheus's "for"), how long it keeps firing once the result is gone
 * ({@code keepFiringFor}), and its label and annotation templates, parsed when the rule is built.
 */
public record AlertingRule(String name, ParsedQuery expr, Duration holdDuration, Duration keepFiringFor,
        SortedMap<String, String> labels, SortedMap<String, String> annotations,
        Map<String, AlertTemplate> labelTemplates, Map<String, AlertTemplate> annotationTemplates) implements Rule {

    public AlertingRule {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
        labelTemplates = Map.copyOf(labelTemplates);
        annotationTemplates = Map.copyOf(annotationTemplates);
    }

    /**
     * A rule with its templates parsed.
     *
     * @throws io.opsplane.observability.rules.template.TemplateException for the first template that does not parse
     */
    public static AlertingRule of(String name, ParsedQuery expr, Duration holdDuration, Duration keepFiringFor,
            Map<String, String> labels, Map<String, String> annotations) {
        return new AlertingRule(name, expr, holdDuration, keepFiringFor, new TreeMap<>(labels), new TreeMap<>(annotations),
                parseAll(name, labels), parseAll(name, annotations));
    }

    private static Map<String, AlertTemplate> parseAll(String alertName, Map<String, String> texts) {
        Map<String, AlertTemplate> templates = new TreeMap<>();
        new TreeMap<>(texts).forEach((key, text) -> templates.put(key, AlertTemplate.parse(alertName, text)));
        return templates;
    }
}
