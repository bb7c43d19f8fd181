package io.opsplane.pipeline.definition.planning;

import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.rules.RuleExpression;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clauses of a rule against one run: {@code if} (with the job's variables), {@code changes} (true when the run's
 * changes are unknown, as in GitLab) and {@code exists}. Paths may hold {@code $VAR} or {@code ${VAR}}, expanded
 * first. A rule matches when all the clauses it has hold.
 */
final class Conditions {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");

    private final RunContext context;

    Conditions(RunContext context) {
        this.context = context;
    }

    boolean matches(RuleSpec rule, Map<String, String> variables) {
        return (rule.ifExpression().isEmpty() || RuleExpression.parse(rule.ifExpression()).evaluate(variables))
                && (rule.changes().isEmpty() || changes(rule.changes(), variables))
                && (rule.exists().isEmpty() || exists(rule.exists(), variables));
    }

    boolean expression(String source, Map<String, String> variables) {
        return RuleExpression.parse(source).evaluate(variables);
    }

    boolean changes(List<String> patterns, Map<String, String> variables) {
        if (context.changedFiles().isEmpty()) {
            return true;
        }
        return anyMatch(patterns, context.changedFiles().get(), variables);
    }

    boolean exists(List<String> patterns, Map<String, String> variables) {
        return anyMatch(patterns, context.files(), variables);
    }

    private static boolean anyMatch(List<String> patterns, java.util.Set<String> paths, Map<String, String> variables) {
        for (String pattern : patterns) {
            Glob glob = Glob.of(expand(pattern, variables));
            for (String path : paths) {
                if (glob.matches(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String expand(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(result, Matcher.quoteReplacement(variables.getOrDefault(name, "")));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
