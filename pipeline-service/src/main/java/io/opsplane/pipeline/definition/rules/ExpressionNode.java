package io.opsplane.pipeline.definition.rules;

import java.util.Map;

/**
 * The tree of a parsed expression. Values follow GitLab's (Ruby) evaluation: a node yields {@code null}, a
 * {@link String}, a {@link Boolean} or a {@link RegexPattern}; {@code &&} and {@code ||} return one of their operands
 * as Ruby does, and only the final value is tested for presence.
 */
sealed interface ExpressionNode {

    Object evaluate(Map<String, String> variables);

    /** {@code $NAME}: the variable's value, {@code null} when it is not defined. */
    record Variable(String name) implements ExpressionNode {
        @Override
        public Object evaluate(Map<String, String> variables) {
            return variables.get(name);
        }
    }

    /** A quoted string, {@code null} or a {@code /pattern/}. */
    record Literal(Object value) implements ExpressionNode {
        @Override
        public Object evaluate(Map<String, String> variables) {
            return value;
        }
    }

    record Equals(ExpressionNode left, ExpressionNode right, boolean negated) implements ExpressionNode {
        @Override
        public Object evaluate(Map<String, String> variables) {
            boolean equal = java.util.Objects.equals(left.evaluate(variables), right.evaluate(variables));
            return equal != negated;
        }
    }

    /**
     * {@code =~} and {@code !~}. The right side is a pattern, or a variable or string holding one; a value that is
     * not written as {@code /pattern/} is compared the way GitLab's {@code String#scan} does: it matches when it
     * contains the left side. An absent right side never matches.
     */
    record Matches(ExpressionNode left, ExpressionNode right, boolean negated) implements ExpressionNode {
        @Override
        public Object evaluate(Map<String, String> variables) {
            Object leftValue = left.evaluate(variables);
            String text = leftValue == null ? "" : leftValue.toString();
            Object pattern = right.evaluate(variables);
            if (pattern == null || Boolean.FALSE.equals(pattern)) {
                return negated;
            }
            boolean found;
            if (pattern instanceof RegexPattern regex) {
                found = regex.foundIn(text);
            } else if (pattern instanceof String string && RegexPattern.looksLikePattern(string)) {
                try {
                    found = RegexPattern.parse(string, 1).foundIn(text);
                } catch (InvalidExpressionException e) {
                    return false; // GitLab: an invalid pattern in a variable makes the whole expression false
                }
            } else {
                found = pattern.toString().contains(text);
            }
            return found != negated;
        }
    }

    record And(ExpressionNode left, ExpressionNode right) implements ExpressionNode {
        @Override
        public Object evaluate(Map<String, String> variables) {
            Object value = left.evaluate(variables);
            return RubyTruth.truthy(value) ? right.evaluate(variables) : value;
        }
    }

    record Or(ExpressionNode left, ExpressionNode right) implements ExpressionNode {
        @Override
        public Object evaluate(Map<String, String> variables) {
            Object value = left.evaluate(variables);
            return RubyTruth.truthy(value) ? value : right.evaluate(variables);
        }
    }
}
