package io.opsplane.deploy.analysis;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metrics with query templates that name their inputs as {@code {{args.<name>}}}. */
public record AnalysisTemplate(String name, List<Argument> args, List<MetricSpec> metrics) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*args\\.([a-zA-Z0-9-]+)\\s*}}");
    /** Argument values land inside PromQL label matchers, so quotes, braces and backslashes are refused. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._:/+-]{1,200}");

    public AnalysisTemplate {
        InvalidFieldException.requireText("name", name);
        args = List.copyOf(args);
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new InvalidFieldException("metrics", "must not be empty");
        }
        Set<String> argumentNames = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            if (!argumentNames.add(args.get(i).name())) {
                throw new InvalidFieldException("args[" + i + "].name", "'" + args.get(i).name() + "' is declared twice");
            }
        }
        Set<String> metricNames = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            MetricSpec metric = metrics.get(i);
            if (!metricNames.add(metric.name())) {
                throw new InvalidFieldException("metrics[" + i + "].name", "'" + metric.name() + "' is declared twice");
            }
            Matcher placeholder = PLACEHOLDER.matcher(metric.queryTemplate());
            while (placeholder.find()) {
                if (!argumentNames.contains(placeholder.group(1))) {
                    throw new InvalidFieldException("metrics[" + i + "].query",
                            "uses undeclared argument '" + placeholder.group(1) + "'");
                }
            }
        }
    }

    /** The queries to run, per metric name, with every argument filled in and checked. */
    public Map<String, String> resolveQueries(Map<String, String> values) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String given : values.keySet()) {
            if (args.stream().noneMatch(argument -> argument.name().equals(given))) {
                throw new InvalidFieldException("args." + given, "is not an argument of template " + name);
            }
        }
        Map<String, String> effective = new LinkedHashMap<>();
        for (Argument argument : args) {
            String value = values.getOrDefault(argument.name(), argument.defaultValue().orElse(null));
            if (value == null) {
                throw new InvalidFieldException("args." + argument.name(), "is required by template " + name);
            }
            if (!SAFE_VALUE.matcher(value).matches()) {
                throw new InvalidFieldException("args." + argument.name(),
                        "may hold only letters, digits and . _ : / + - (1 to 200), was '" + value + "'");
            }
            effective.put(argument.name(), value);
        }
        for (MetricSpec metric : metrics) {
            resolved.put(metric.name(), PLACEHOLDER.matcher(metric.queryTemplate())
                    .replaceAll(match -> Matcher.quoteReplacement(effective.get(match.group(1)))));
        }
        return resolved;
    }
}
