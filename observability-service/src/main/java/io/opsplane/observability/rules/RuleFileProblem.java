package io.opsplane.observability.rules;

import io.opsplane.observability.promql.GoQuoting;

/**
 * One problem of a rule file, worded as Prometheus's rule-file check words it:
 * {@code 12:11: group "g", rule 3, "HighLatency": could not parse expression: ...}.
 * {@code group} is null for problems of the file itself, {@code rule} 0 for problems of a group;
 * lines and columns are 1-based, 0 when unknown; a second position names a conflicting field.
 */
public record RuleFileProblem(int line, int column, int otherLine, int otherColumn, String group, int rule,
        String ruleName, String message) {

    public RuleFileProblem(int line, int column, String group, int rule, String ruleName, String message) {
        this(line, column, 0, 0, group, rule, ruleName, message);
    }

    @Override
    public String toString() {
        String position = (line > 0 ? line + ":" + column + ": " : "")
                + (otherLine > 0 ? otherLine + ":" + otherColumn + ": " : "");
        if (group == null || rule == 0) {
            return position + message;
        }
        return position + "group " + GoQuoting.quote(group) + ", rule " + rule + ", " + GoQuoting.quote(ruleName) + ": "
                + message;
    }
}
