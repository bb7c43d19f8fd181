package io.opsplane.pipeline.definition.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens with GitLab's lexemes: {@code $NAME} (word characters), strings in single or
 * double quotes (no escapes: the string ends at the next matching quote), {@code /pattern/flags}, {@code null},
 * the operators {@code == != =~ !~ && ||} and parentheses.
 */
final class Lexer {

    private final String source;
    private int index;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokens(String source) {
        return new Lexer(source).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (index >= source.length()) {
                tokens.add(new Token(Token.Kind.END, "", index));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaces() {
        while (index < source.length() && Character.isWhitespace(source.charAt(index))) {
            index++;
        }
    }

    private Token next() {
        int start = index;
        char c = source.charAt(index);
        switch (c) {
            case '$':
                return variable(start);
            case '"', '\'':
                return string(start, c);
            case '/':
                return pattern(start);
            case '(':
                index++;
                return new Token(Token.Kind.OPEN, "(", start);
            case ')':
                index++;
                return new Token(Token.Kind.CLOSE, ")", start);
            default:
                break;
        }
        for (Token.Kind kind : new Token.Kind[] {Token.Kind.EQUALS, Token.Kind.NOT_EQUALS, Token.Kind.MATCHES,
            Token.Kind.NOT_MATCHES, Token.Kind.AND, Token.Kind.OR}) {
            String text = operator(kind);
            if (source.startsWith(text, index)) {
                index += text.length();
                return new Token(kind, text, start);
            }
        }
        if (source.startsWith("null", index) && !isWordChar(index + 4)) {
            index += 4;
            return new Token(Token.Kind.NULL, "null", start);
        }
        throw new InvalidExpressionException("unexpected " + describeAt(start)
                + " (expected a $VARIABLE, a quoted string, a /pattern/, null, an operator or a parenthesis)",
                start + 1);
    }

    private static String operator(Token.Kind kind) {
        return switch (kind) {
            case EQUALS -> "==";
            case NOT_EQUALS -> "!=";
            case MATCHES -> "=~";
            case NOT_MATCHES -> "!~";
            case AND -> "&&";
            case OR -> "||";
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private Token variable(int start) {
        index++;
        int nameStart = index;
        while (isWordChar(index)) {
            index++;
        }
        if (index == nameStart) {
            String hint = index < source.length() && source.charAt(index) == '{'
                    ? " (write $NAME: the ${NAME} form is not an expression variable)" : "";
            throw new InvalidExpressionException("'$' must be followed by a variable name" + hint, start + 1);
        }
        return new Token(Token.Kind.VARIABLE, source.substring(nameStart, index), start);
    }

    private Token string(int start, char quote) {
        int end = source.indexOf(quote, start + 1);
        if (end < 0) {
            throw new InvalidExpressionException("the string is not closed (missing " + quote + ")", start + 1);
        }
        index = end + 1;
        return new Token(Token.Kind.STRING, source.substring(start + 1, end), start);
    }

    /** A pattern runs to the next '/' that is not escaped with a backslash; flags follow it. */
    private Token pattern(int start) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != '/') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= source.length()) {
            throw new InvalidExpressionException("the /pattern/ is not closed (missing /)", start + 1);
        }
        i++;
        while (i < source.length() && Character.isLetter(source.charAt(i))) {
            i++;
        }
        index = i;
        return new Token(Token.Kind.PATTERN, source.substring(start, i), start);
    }

    private boolean isWordChar(int at) {
        if (at >= source.length()) {
            return false;
        }
        char c = source.charAt(at);
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private String describeAt(int at) {
        int end = at + 1;
        while (end < source.length() && !Character.isWhitespace(source.charAt(end)) && end - at < 20) {
            end++;
        }
        return "'" + source.substring(at, end) + "'";
    }
}
