package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.rules.InvalidExpressionException;
import io.opsplane.pipeline.definition.rules.RuleExpression;

/** Reads an expression ({@code rules:if}, {@code only:variables}) and checks it parses, so runs never meet a bad one. */
final class Expressions {

    private Expressions() {
    }

    static String read(Where where, YamlValue value) throws InvalidDefinitionException {
        String source = Read.string(where, value);
        try {
            RuleExpression.parse(source);
        } catch (InvalidExpressionException e) {
            throw where.error(value, "invalid expression " + e.getMessage() + " in: " + source.strip());
        }
        return source;
    }
}
