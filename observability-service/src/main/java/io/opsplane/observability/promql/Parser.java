package io.opsplane.observability.promql;

import io.opsplane.observability.promql.Expr.Aggregation;
import io.opsplane.observability.promql.Expr.Binary;
import io.opsplane.observability.promql.Expr.Call;
import io.opsplane.observability.promql.Expr.MatrixSelector;
import io.opsplane.observability.promql.Expr.NumberLiteral;
import io.opsplane.observability.promql.Expr.Paren;
import io.opsplane.observability.promql.Expr.StringLiteral;
import io.opsplane.observability.promql.Expr.Subquery;
import io.opsplane.observability.promql.Expr.Unary;
import io.opsplane.observability.promql.Expr.VectorSelector;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for the grammar of Prometheus 2.42, with its operator precedence and
 * its error wording: "unexpected X in C, expected E" where Prometheus's grammar has an error rule
 * for the construct C being parsed. Stops at the first error. Types are checked afterwards by
 * {@link TypeChecker}, as Prometheus does only for queries without syntax errors.
 */
final class Parser {

    private final String query;
    private final List<Token> tokens;
    private final int maxNesting;
    /** Constructs whose error rule catches errors nested inside them (only aggregations do). */
    private final Deque<String> enclosingContexts = new ArrayDeque<>();
    private int index;
    private int nesting;

    Parser(String query, int maxNesting) {
        this.query = query;
        this.tokens = Lexer.tokenize(query);
        this.maxNesting = maxNesting;
    }

    Expr parse() {
        if (peek().type() == TokenType.EOF) {
            throw error(0, "no expression found in input");
        }
        Expr expr = parseExpr(0);
        Token after = next();
        if (after.type() != TokenType.EOF) {
            throw unexpected(after);
        }
        return expr;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    private PromqlException error(int position, String reason) {
        return new PromqlException(query, position, reason);
    }

    private PromqlException unexpected(Token token) {
        String context = enclosingContexts.peek();
        return unexpected(token, context == null ? "" : context, "");
    }

    private PromqlException unexpected(Token token, String context, String expected) {
        if (token.type() == TokenType.ERROR) {
            return error(token.position(), token.text());
        }
        StringBuilder reason = new StringBuilder("unexpected ").append(token.describe());
        if (!context.isEmpty()) {
            reason.append(" in ").append(context);
        }
        if (!expected.isEmpty()) {
            reason.append(", expected ").append(expected);
        }
        return error(token.position(), reason.toString());
    }

    private void enter(int position) {
        if (++nesting > maxNesting) {
            throw error(position, "query nests deeper than " + maxNesting + " levels");
        }
    }

    private Expr parseExpr(int minPrecedence) {
        int entryNesting = nesting;
        enter(peek().position());
        Expr lhs = parseUnary();
        while (true) {
            Token operator = peek();
            BinaryOp op = binaryOp(operator.type());
            if (op == null || op.precedence() < minPrecedence) {
                break;
            }
            next();
            // A left-deep chain a+b+c nests as deeply as it is long.
            enter(operator.position());
            boolean returnBool = false;
            if (peek().type() == TokenType.BOOL) {
                next();
                returnBool = true;
            }
            VectorMatching matching = parseVectorMatching();
            Expr rhs = parseExpr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = new Binary(op, lhs, rhs, matching, returnBool, lhs.position(), operator.position());
        }
        nesting = entryNesting;
        return lhs;
    }

    private VectorMatching parseVectorMatching() {
        TokenType type = peek().type();
        if (type != TokenType.ON && type != TokenType.IGNORING) {
            return new VectorMatching(VectorMatching.Cardinality.ONE_TO_ONE, List.of(), false, List.of());
        }
        next();
        List<String> labels = parseGroupingLabels();
        VectorMatching.Cardinality cardinality = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        TokenType group = peek().type();
        if (group == TokenType.GROUP_LEFT || group == TokenType.GROUP_RIGHT) {
            next();
            cardinality = group == TokenType.GROUP_LEFT
                    ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
            if (peek().type() == TokenType.LEFT_PAREN) {
                include = parseGroupingLabels();
            }
        }
        return new VectorMatching(cardinality, labels, type == TokenType.ON, include);
    }

    private static BinaryOp binaryOp(TokenType type) {
        return switch (type) {
            case LOR -> BinaryOp.OR;
            case LAND -> BinaryOp.AND;
            case LUNLESS -> BinaryOp.UNLESS;
            case EQLC -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case LTE -> BinaryOp.LTE;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case GTR -> BinaryOp.GTR;
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case ATAN2 -> BinaryOp.ATAN2;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }

    private Expr parseUnary() {
        Token sign = peek();
        if (sign.type() != TokenType.ADD && sign.type() != TokenType.SUB) {
            return parsePostfix(parsePrimary());
        }
        next();
        // Unary operators bind like multiplication: -a^b is -(a^b), -a*b is (-a)*b.
        Expr operand = parseExpr(BinaryOp.POW.precedence());
        boolean negate = sign.type() == TokenType.SUB;
        if (operand instanceof NumberLiteral number) {
            return new NumberLiteral(negate ? -number.value() : number.value(), sign.position());
        }
        return new Unary(negate, operand, sign.position());
    }

    private Expr parsePrimary() {
        Token token = next();
        TokenType type = token.type();
        switch (type) {
            case NUMBER:
                return new NumberLiteral(number(token), token.position());
            case STRING:
                return new StringLiteral(StringLiterals.unquote(token.text()), token.position());
            case LEFT_PAREN: {
                Expr inner = parseExpr(0);
                Token close = next();
                if (close.type() != TokenType.RIGHT_PAREN) {
                    throw unexpected(close);
                }
                return new Paren(inner, token.position());
            }
            case LEFT_BRACE:
                return selector(null, parseLabelMatchers(), token.position());
            case IDENTIFIER:
                if (peek().type() == TokenType.LEFT_PAREN) {
                    return parseCall(token);
                }
                break;
            default:
                if (type.isAggregator() && startsAggregation(peek().type())) {
                    return parseAggregation(token);
                }
        }
        if (type.canNameMetric()) {
            List<LabelMatcher> matchers = peek().type() == TokenType.LEFT_BRACE
                    ? parseLabelMatchersAfterBrace() : List.of();
            return selector(token.text(), matchers, token.position());
        }
        throw unexpected(token);
    }

    private static boolean startsAggregation(TokenType type) {
        return type == TokenType.LEFT_PAREN || type == TokenType.BY || type == TokenType.WITHOUT;
    }

    private VectorSelector selector(String name, List<LabelMatcher> matchers, int position) {
        List<LabelMatcher> all = new ArrayList<>(matchers);
        if (name != null) {
            all.add(LabelMatcher.of("__name__", LabelMatcher.Type.EQUAL, name));
        }
        return new VectorSelector(name, all, 0, null, position);
    }

    private List<LabelMatcher> parseLabelMatchersAfterBrace() {
        next();
        return parseLabelMatchers();
    }

    /** The matchers after an opening brace, through the closing one. */
    private List<LabelMatcher> parseLabelMatchers() {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (peek().type() == TokenType.RIGHT_BRACE) {
            next();
            return matchers;
        }
        while (true) {
            Token label = next();
            if (label.type() != TokenType.IDENTIFIER) {
                throw unexpected(label, "label matching", "identifier or \"}\"");
            }
            Token operator = next();
            LabelMatcher.Type matchType = switch (operator.type()) {
                case EQL -> LabelMatcher.Type.EQUAL;
                case NEQ -> LabelMatcher.Type.NOT_EQUAL;
                case EQL_REGEX -> LabelMatcher.Type.REGEX;
                case NEQ_REGEX -> LabelMatcher.Type.NOT_REGEX;
                default -> throw unexpected(operator, "label matching", "label matching operator");
            };
            Token value = next();
            if (value.type() != TokenType.STRING) {
                throw unexpected(value, "label matching", "string");
            }
            try {
                matchers.add(LabelMatcher.of(label.text(), matchType, StringLiterals.unquote(value.text())));
            } catch (Re2Regex.InvalidRegexException e) {
                throw error(label.position(), e.getMessage());
            }
            Token separator = next();
            if (separator.type() == TokenType.RIGHT_BRACE) {
                return matchers;
            }
            if (separator.type() != TokenType.COMMA) {
                throw unexpected(separator, "label matching", "\",\" or \"}\"");
            }
            if (peek().type() == TokenType.RIGHT_BRACE) {
                next();
                return matchers;
            }
        }
    }

    private Expr parseCall(Token name) {
        List<Expr> args = parseArguments();
        PromqlFunction function = PromqlFunctions.byName(name.text())
                .orElseThrow(() -> error(name.position(), "unknown function with name " + GoQuoting.quote(name.text())));
        return new Call(function, args, name.position());
    }

    /** A parenthesised, comma-separated argument list. */
    private List<Expr> parseArguments() {
        Token open = next();
        if (open.type() != TokenType.LEFT_PAREN) {
            throw unexpected(open);
        }
        List<Expr> args = new ArrayList<>();
        if (peek().type() == TokenType.RIGHT_PAREN) {
            next();
            return args;
        }
        while (true) {
            args.add(parseExpr(0));
            Token separator = next();
            if (separator.type() == TokenType.RIGHT_PAREN) {
                return args;
            }
            if (separator.type() != TokenType.COMMA) {
                throw unexpected(separator);
            }
            if (peek().type() == TokenType.RIGHT_PAREN) {
                throw error(separator.position(), "trailing commas not allowed in function call args");
            }
        }
    }

    private Expr parseAggregation(Token operator) {
        enclosingContexts.push("aggregation");
        List<String> grouping = List.of();
        boolean without = false;
        boolean groupingFirst = peek().type() != TokenType.LEFT_PAREN;
        if (groupingFirst) {
            without = next().type() == TokenType.WITHOUT;
            grouping = parseGroupingLabels();
        }
        List<Expr> args = parseArguments();
        if (!groupingFirst && (peek().type() == TokenType.BY || peek().type() == TokenType.WITHOUT)) {
            without = next().type() == TokenType.WITHOUT;
            grouping = parseGroupingLabels();
        }
        enclosingContexts.pop();

        if (args.isEmpty()) {
            throw error(operator.position(), "no arguments for aggregate expression provided");
        }
        int expected = operator.type().takesAggregationParameter() ? 2 : 1;
        if (args.size() != expected) {
            throw error(operator.position(), "wrong number of arguments for aggregate expression provided, expected "
                    + expected + ", got " + args.size());
        }
        AggregationOp op = AggregationOp.valueOf(operator.type().name());
        Expr parameter = expected == 2 ? args.get(0) : null;
        return new Aggregation(op, args.get(expected - 1), parameter, grouping, without, operator.position());
    }

    /** {@code (label, ...)} after by, without, on, ignoring, group_left or group_right. */
    private List<String> parseGroupingLabels() {
        Token open = next();
        if (open.type() != TokenType.LEFT_PAREN) {
            throw unexpected(open, "grouping opts", "\"(\"");
        }
        List<String> labels = new ArrayList<>();
        if (peek().type() == TokenType.RIGHT_PAREN) {
            next();
            return labels;
        }
        while (true) {
            Token label = next();
            if (!label.type().canNameGroupingLabel() || !isLabelName(label.text())) {
                throw unexpected(label, "grouping opts", "label");
            }
            labels.add(label.text());
            Token separator = next();
            if (separator.type() == TokenType.RIGHT_PAREN) {
                return labels;
            }
            if (separator.type() != TokenType.COMMA) {
                throw unexpected(separator, "grouping opts", "\",\" or \")\"");
            }
            if (peek().type() == TokenType.RIGHT_PAREN) {
                next();
                return labels;
            }
        }
    }

    private Expr parsePostfix(Expr expr) {
        Expr result = expr;
        while (true) {
            switch (peek().type()) {
                case LEFT_BRACKET -> result = parseRange(result);
                case OFFSET -> result = parseOffset(result);
                case AT -> result = parseAt(result);
                default -> {
                    return result;
                }
            }
        }
    }

    private Expr parseRange(Expr expr) {
        Token open = next();
        Token rangeToken = next();
        if (rangeToken.type() != TokenType.DURATION) {
            throw unexpected(rangeToken, "subquery selector", "duration");
        }
        long range = duration(rangeToken);
        Token after = next();
        if (after.type() == TokenType.RIGHT_BRACKET) {
            if (!(expr instanceof VectorSelector selector)) {
                throw error(open.position(), "ranges only allowed for vector selectors");
            }
            if (selector.offsetMillis() != 0) {
                throw error(open.position(), "no offset modifiers allowed before range");
            }
            if (selector.at() != null && selector.at().kind() == AtModifier.Kind.TIMESTAMP) {
                throw error(open.position(), "no @ modifiers allowed before range");
            }
            return new MatrixSelector(selector, range, expr.position());
        }
        if (after.type() != TokenType.COLON) {
            throw unexpected(after, "subquery or range", "\":\" or \"]\"");
        }
        Token stepToken = next();
        long step = 0;
        if (stepToken.type() == TokenType.DURATION) {
            step = duration(stepToken);
            Token close = next();
            if (close.type() != TokenType.RIGHT_BRACKET) {
                throw unexpected(close, "subquery selector", "\"]\"");
            }
        } else if (stepToken.type() != TokenType.RIGHT_BRACKET) {
            throw unexpected(stepToken, "subquery selector", "duration or \"]\"");
        }
        return new Subquery(expr, range, step, 0, null, expr.position());
    }

    private Expr parseOffset(Expr expr) {
        next();
        boolean negative = false;
        if (peek().type() == TokenType.SUB) {
            next();
            negative = true;
        }
        Token durationToken = next();
        if (durationToken.type() != TokenType.DURATION) {
            throw unexpected(durationToken, "offset", "duration");
        }
        long offset = negative ? -duration(durationToken) : duration(durationToken);
        if (expr instanceof VectorSelector s) {
            requireNoOffset(s.offsetMillis(), s);
            return new VectorSelector(s.name(), s.matchers(), offset, s.at(), s.position());
        }
        if (expr instanceof MatrixSelector m) {
            VectorSelector s = m.selector();
            requireNoOffset(s.offsetMillis(), m);
            return new MatrixSelector(new VectorSelector(s.name(), s.matchers(), offset, s.at(), s.position()),
                    m.rangeMillis(), m.position());
        }
        if (expr instanceof Subquery q) {
            requireNoOffset(q.offsetMillis(), q);
            return new Subquery(q.expr(), q.rangeMillis(), q.stepMillis(), offset, q.at(), q.position());
        }
        throw error(expr.position(),
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void requireNoOffset(long offset, Expr expr) {
        if (offset != 0) {
            throw error(expr.position(), "offset may not be set multiple times");
        }
    }

    private Expr parseAt(Expr expr) {
        next();
        Token token = next();
        AtModifier at;
        if (token.type() == TokenType.START || token.type() == TokenType.END) {
            Token open = next();
            if (open.type() != TokenType.LEFT_PAREN) {
                throw unexpected(open, "@", "timestamp");
            }
            Token close = next();
            if (close.type() != TokenType.RIGHT_PAREN) {
                throw unexpected(close, "@", "timestamp");
            }
            at = new AtModifier(token.type() == TokenType.START ? AtModifier.Kind.START : AtModifier.Kind.END, 0);
        } else {
            double sign = 1;
            Token numberToken = token;
            if (token.type() == TokenType.ADD || token.type() == TokenType.SUB) {
                sign = token.type() == TokenType.SUB ? -1 : 1;
                numberToken = next();
            }
            if (numberToken.type() != TokenType.NUMBER) {
                throw unexpected(numberToken, "@", "timestamp");
            }
            double seconds = sign * number(numberToken);
            if (Double.isInfinite(seconds) || Double.isNaN(seconds)
                    || seconds >= 0x1p63 || seconds <= -0x1p63) {
                throw error(expr.position(), "timestamp out of bounds for @ modifier: " + goFloat(seconds));
            }
            at = AtModifier.at(roundHalfAwayFromZero(seconds * 1000));
        }
        if (expr instanceof VectorSelector s) {
            requireNoAt(s.at(), s);
            return new VectorSelector(s.name(), s.matchers(), s.offsetMillis(), at, s.position());
        }
        if (expr instanceof MatrixSelector m) {
            VectorSelector s = m.selector();
            requireNoAt(s.at(), m);
            return new MatrixSelector(new VectorSelector(s.name(), s.matchers(), s.offsetMillis(), at, s.position()),
                    m.rangeMillis(), m.position());
        }
        if (expr instanceof Subquery q) {
            requireNoAt(q.at(), q);
            return new Subquery(q.expr(), q.rangeMillis(), q.stepMillis(), q.offsetMillis(), at, q.position());
        }
        throw error(expr.position(),
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void requireNoAt(AtModifier at, Expr expr) {
        if (at != null) {
            throw error(expr.position(), "@ <timestamp> may not be set multiple times");
        }
    }

    private static long roundHalfAwayFromZero(double value) {
        return (long) (Math.signum(value) * Math.floor(Math.abs(value) + 0.5));
    }

    /** Go's %f of a float64. */
    private static String goFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private long duration(Token token) {
        long millis;
        try {
            millis = Durations.parseMillis(token.text());
        } catch (IllegalArgumentException e) {
            throw error(token.position(), e.getMessage());
        }
        if (millis == 0) {
            throw error(token.position(), "duration must be greater than 0");
        }
        return millis;
    }

    /** Go's strconv.ParseInt(s, 0, 64), falling back to ParseFloat, as Prometheus reads numbers. */
    private double number(Token token) {
        String text = token.text();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        Long integer = goParseInt(lower);
        if (integer != null) {
            return integer;
        }
        String failure = "error parsing number: strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": ";
        if (lower.startsWith("0x") || lower.endsWith("e") || lower.endsWith("+") || lower.endsWith("-")
                || lower.equals(".")) {
            throw error(token.position(), failure + "invalid syntax");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw error(token.position(), failure + "value out of range");
        }
        return value;
    }

    private static Long goParseInt(String text) {
        String digits = text;
        int radix = 10;
        if (text.startsWith("0x")) {
            digits = text.substring(2);
            radix = 16;
        } else if (text.length() > 1 && text.startsWith("0")) {
            digits = text.substring(1);
            radix = 8;
        }
        int base = radix;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, base) >= 0)) {
            return null;
        }
        BigInteger value = new BigInteger(digits, base);
        return value.bitLength() < 64 ? value.longValue() : null;
    }

    private static boolean isLabelName(String text) {
        if (text.isEmpty() || !Lexer.isAlpha(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(Lexer::isAlphaNumeric);
    }
}
