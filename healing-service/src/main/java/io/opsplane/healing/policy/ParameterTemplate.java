package io.opsplane.healing.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter value with {@code {{ .labels.name }}} placeholders, filled from the labels of what triggered the
 * policy. Only that form is allowed: the text is not a Go template, so nothing else can be evaluated from it.
 */
public final class ParameterTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.labels\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final List<String> literals;
    private final List<String> labels;

    private ParameterTemplate(List<String> literals, List<String> labels) {
        this.literals = literals;
        this.labels = labels;
    }

    /** @throws IllegalArgumentException for a {@code {{ ... }}} that is not a label reference */
    public static ParameterTemplate parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int from = 0;
        while (placeholder.find()) {
            literals.add(literalOf(text.substring(from, placeholder.start())));
            labels.add(placeholder.group(1));
            from = placeholder.end();
        }
        literals.add(literalOf(text.substring(from)));
        return new ParameterTemplate(List.copyOf(literals), List.copyOf(labels));
    }

    private static String literalOf(String part) {
        int open = part.indexOf("{{");
        int close = part.indexOf("}}");
        if (open >= 0 || close >= 0) {
            int at = open >= 0 ? open : close;
            throw new IllegalArgumentException("only {{ .labels.<name> }} may stand between {{ and }}, found '"
                    + part.substring(at, Math.min(part.length(), at + 40)) + "'");
        }
        return part;
    }

    public Set<String> labels() {
        return new LinkedHashSet<>(labels);
    }

    public boolean isLiteral() {
        return labels.isEmpty();
    }

    /** The value with each placeholder replaced by its label's value, the empty text for an absent label. */
    public String render(Map<String, String> labelValues) {
        StringBuilder value = new StringBuilder(literals.get(0));
        for (int i = 0; i < labels.size(); i++) {
            value.append(labelValues.getOrDefault(labels.get(i), "")).append(literals.get(i + 1));
        }
        return value.toString();
    }
}
