package io.opsplane.pipeline.definition.rules;

import java.util.Map;
import java.util.Objects;

/**
 * A GitLab CI/CD expression, as written in {@code rules:if}, {@code workflow:rules:if} and
 * {@code only/except:variables}: {@code $VAR} (defined and not empty), {@code ==}, {@code !=}, {@code =~} and
 * {@code !~} with {@code /pattern/flags} (see {@link RegexPattern} for the differences from GitLab's RE2), a pattern
 * held in a variable on the right of {@code =~}, {@code &&} binding tighter than {@code ||}, parentheses, strings in
 * single or double quotes (no escapes) and {@code null}.
 */
public final class RuleExpression {

    private final String source;
    private final ExpressionNode tree;

    private RuleExpression(String source, ExpressionNode tree) {
        this.source = source;
        this.tree = tree;
    }

    /** @throws InvalidExpressionException naming the character where the expression goes wrong */
    public static RuleExpression parse(String source) {
        Objects.requireNonNull(source, "source");
        return new RuleExpression(source, Parser.parse(source));
    }

    /** Whether the expression holds for these variables (a variable absent from the map is undefined). */
    public boolean evaluate(Map<String, String> variables) {
        return RubyTruth.present(tree.evaluate(variables));
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
