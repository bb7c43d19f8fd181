package io.opsplane.deploy.analysis.condition;

import java.util.List;
import java.util.Set;

/**
 * Recursive descent over {@code result}, {@code len(...)}, indexing, numbers, {@code + - * /},
 * comparisons, {@code !}, {@code &&}, {@code ||} and parentheses, lowest precedence first.
 */
public final class ConditionParser {

    private static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=", "==", "!=");
    private static final int MAX_LENGTH = 1000;
    private static final int MAX_DEPTH = 50;

    private final String field;
    private final List<ConditionToken> tokens;
    private int next;
    private int depth;

    private ConditionParser(String field, List<ConditionToken> tokens) {
        this.field = field;
        this.tokens = tokens;
    }

    /** @param field where the condition came from, named in every error */
    public static Condition parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ConditionSyntaxException(field, 1, "a condition is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ConditionSyntaxException(field, MAX_LENGTH + 1, "longer than " + MAX_LENGTH + " characters");
        }
        ConditionParser parser = new ConditionParser(field, ConditionToken.scan(field, text));
        Expression root = parser.or();
        ConditionToken rest = parser.peek();
        if (rest.kind() != ConditionToken.Kind.END) {
            throw parser.error(rest, "unexpected '" + rest.text() + "'");
        }
        return new Condition(text, root);
    }

    private Expression or() {
        Expression left = and();
        while (accept("||")) {
            left = new Expression.Binary("||", left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = comparison();
        while (accept("&&")) {
            left = new Expression.Binary("&&", left, comparison());
        }
        return left;
    }

    private Expression comparison() {
        Expression left = sum();
        if (COMPARISONS.contains(peek().text()) && peek().kind() == ConditionToken.Kind.OPERATOR) {
            String operator = take().text();
            return new Expression.Binary(operator, left, sum());
        }
        return left;
    }

    private Expression sum() {
        Expression left = product();
        while (peek().is("+") || peek().is("-")) {
            String operator = take().text();
            left = new Expression.Binary(operator, left, product());
        }
        return left;
    }

    private Expression product() {
        Expression left = unary();
        while (peek().is("*") || peek().is("/")) {
            String operator = take().text();
            left = new Expression.Binary(operator, left, unary());
        }
        return left;
    }

    private Expression unary() {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (accept("!")) {
                return new Expression.Not(unary());
            }
            if (accept("-")) {
                return new Expression.Negate(unary());
            }
            return postfix();
        } finally {
            depth--;
        }
    }

    private Expression postfix() {
        Expression value = primary();
        while (accept("[")) {
            value = new Expression.Index(value, or());
            expect("]");
        }
        return value;
    }

    private Expression primary() {
        ConditionToken token = take();
        switch (token.kind()) {
            case NUMBER:
                return new Expression.NumberLiteral(Double.parseDouble(token.text()));
            case NAME:
                if (token.text().equals("result")) {
                    return new Expression.Result();
                }
                if (token.text().equals("len")) {
                    expect("(");
                    Expression operand = or();
                    expect(")");
                    return new Expression.Length(operand);
                }
                throw error(token, "unknown name '" + token.text() + "', expected result or len");
            case OPERATOR:
                if (token.is("(")) {
                    Expression inner = or();
                    expect(")");
                    return inner;
                }
                throw error(token, "unexpected '" + token.text() + "'");
            default:
                throw error(token, "the condition ends too early");
        }
    }

    private ConditionToken peek() {
        return tokens.get(next);
    }

    private ConditionToken take() {
        ConditionToken token = tokens.get(next);
        if (token.kind() != ConditionToken.Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(String operator) {
        if (peek().is(operator)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String operator) {
        if (!accept(operator)) {
            ConditionToken found = peek();
            throw error(found, "expected '" + operator + "' but found "
                    + (found.kind() == ConditionToken.Kind.END ? "the end" : "'" + found.text() + "'"));
        }
    }

    private ConditionSyntaxException error(ConditionToken at, String problem) {
        return new ConditionSyntaxException(field, at.column(), problem);
    }
}
