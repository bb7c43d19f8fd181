package io.opsplane.pipeline.definition.rules;

import java.util.List;

/**
 * Recursive descent over the tokens: {@code ||} binds looser than {@code &&}, which binds looser than the
 * comparisons; parentheses group boolean sub-expressions. Nesting is bounded so a hostile expression cannot
 * exhaust the stack.
 */
final class Parser {

    private static final int MAX_NESTING = 50;

    private final List<Token> tokens;
    private int index;
    private int nesting;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static ExpressionNode parse(String source) {
        Parser parser = new Parser(Lexer.tokens(source));
        if (parser.peek().kind() == Token.Kind.END) {
            throw new InvalidExpressionException("the expression is empty", 1);
        }
        ExpressionNode tree = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Token.Kind.END) {
            throw new InvalidExpressionException("unexpected " + rest.describe() + " (expected && or || between "
                    + "conditions)", rest.character());
        }
        return tree;
    }

    private ExpressionNode or() {
        ExpressionNode left = and();
        while (peek().kind() == Token.Kind.OR) {
            index++;
            left = new ExpressionNode.Or(left, and());
        }
        return left;
    }

    private ExpressionNode and() {
        ExpressionNode left = primary();
        while (peek().kind() == Token.Kind.AND) {
            index++;
            left = new ExpressionNode.And(left, primary());
        }
        return left;
    }

    private ExpressionNode primary() {
        Token token = peek();
        if (token.kind() == Token.Kind.OPEN) {
            if (++nesting > MAX_NESTING) {
                throw new InvalidExpressionException("parentheses are nested deeper than " + MAX_NESTING + " levels",
                        token.character());
            }
            index++;
            ExpressionNode inner = or();
            Token close = peek();
            if (close.kind() != Token.Kind.CLOSE) {
                throw new InvalidExpressionException("expected ')' to close the '(' at character "
                        + token.character() + ", found " + close.describe(), close.character());
            }
            index++;
            nesting--;
            return inner;
        }
        ExpressionNode left = operand();
        Token operator = peek();
        return switch (operator.kind()) {
            case EQUALS, NOT_EQUALS -> {
                index++;
                yield new ExpressionNode.Equals(left, operand(), operator.kind() == Token.Kind.NOT_EQUALS);
            }
            case MATCHES, NOT_MATCHES -> {
                index++;
                yield new ExpressionNode.Matches(left, operand(), operator.kind() == Token.Kind.NOT_MATCHES);
            }
            default -> left;
        };
    }

    private ExpressionNode operand() {
        Token token = peek();
        index++;
        return switch (token.kind()) {
            case VARIABLE -> new ExpressionNode.Variable(token.text());
            case STRING -> new ExpressionNode.Literal(token.text());
            case NULL -> new ExpressionNode.Literal(null);
            case PATTERN -> new ExpressionNode.Literal(RegexPattern.parse(token.text(), token.character()));
            default -> throw new InvalidExpressionException("unexpected " + token.describe()
                    + " (expected a $VARIABLE, a quoted string, a /pattern/ or null)", token.character());
        };
    }

    private Token peek() {
        return tokens.get(index);
    }
}
