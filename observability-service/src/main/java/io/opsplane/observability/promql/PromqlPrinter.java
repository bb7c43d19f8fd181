package io.opsplane.observability.promql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A parsed query written back as Prometheus 2.42 writes it ({@code parser.Expr.String()}): what its rule manager puts
 * into an alert's generator URL and its rules API shows as a rule's query. Whitespace, comments and quoting of the
 * original are gone: one space around binary operators, grouping before an aggregation's arguments, label matchers
 * sorted and double-quoted, numbers as Go's {@code fmt.Sprint} of a float64 ({@code 1e9} is {@code 1e+09}).
 */
public final class PromqlPrinter {

    private PromqlPrinter() {
    }

    public static String print(Expr expr) {
        if (expr instanceof Expr.NumberLiteral n) {
            return number(n.value());
        }
        if (expr instanceof Expr.StringLiteral s) {
            return GoQuoting.quote(s.value());
        }
        if (expr instanceof Expr.VectorSelector s) {
            return selector(s) + at(s.at()) + offset(s.offsetMillis());
        }
        if (expr instanceof Expr.MatrixSelector m) {
            return selector(m.selector()) + "[" + Durations.format(m.rangeMillis()) + "]" + at(m.selector().at())
                    + offset(m.selector().offsetMillis());
        }
        if (expr instanceof Expr.Subquery q) {
            return print(q.expr()) + "[" + Durations.format(q.rangeMillis()) + ":"
                    + (q.stepMillis() == 0 ? "" : Durations.format(q.stepMillis())) + "]" + at(q.at())
                    + offset(q.offsetMillis());
        }
        if (expr instanceof Expr.Call c) {
            return c.function().name() + "(" + c.args().stream().map(PromqlPrinter::print)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (expr instanceof Expr.Aggregation a) {
            return a.op().spelling() + grouping(a) + "(" + (a.parameter() == null ? "" : print(a.parameter()) + ", ")
                    + print(a.expr()) + ")";
        }
        if (expr instanceof Expr.Binary b) {
            return print(b.lhs()) + " " + b.op().spelling() + (b.returnBool() ? " bool" : "")
                    + matching(b.matching()) + " " + print(b.rhs());
        }
        if (expr instanceof Expr.Unary u) {
            return (u.negate() ? "-" : "+") + print(u.expr());
        }
        return "(" + print(((Expr.Paren) expr).expr()) + ")";
    }

    /** Go's {@code fmt.Sprint} of a float64. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return GoFloats.format(value, 'g', -1);
    }

    /** The name, then the matchers other than the one the name stands for, as strings sorted bytewise. */
    private static String selector(Expr.VectorSelector s) {
        String name = s.name() == null ? "" : s.name();
        String[] matchers = s.matchers().stream()
                .filter(m -> !(m.name().equals("__name__") && m.type() == LabelMatcher.Type.EQUAL
                        && m.value().equals(name)))
                .map(LabelMatcher::toString).toArray(String[]::new);
        if (matchers.length == 0) {
            return name;
        }
        Arrays.sort(matchers, (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        return name + "{" + String.join(",", matchers) + "}";
    }

    private static String at(AtModifier at) {
        if (at == null) {
            return "";
        }
        return switch (at.kind()) {
            case START -> " @ start()";
            case END -> " @ end()";
            case TIMESTAMP -> " @ " + seconds(at.timestampMillis());
        };
    }

    /** {@code %.3f} of the milliseconds in seconds, exact for every millisecond count. */
    private static String seconds(long millis) {
        String sign = millis < 0 ? "-" : "";
        long abs = Math.abs(millis);
        return sign + (abs / 1000) + "." + String.format(java.util.Locale.ROOT, "%03d", abs % 1000);
    }

    private static String offset(long millis) {
        if (millis > 0) {
            return " offset " + Durations.format(millis);
        }
        if (millis < 0) {
            return " offset -" + Durations.format(-millis);
        }
        return "";
    }

    private static String grouping(Expr.Aggregation a) {
        if (a.without()) {
            return " without (" + String.join(", ", a.grouping()) + ") ";
        }
        if (!a.grouping().isEmpty()) {
            return " by (" + String.join(", ", a.grouping()) + ") ";
        }
        return "";
    }

    /**
     * Prometheus 2.42 writes the matching only when it names labels or says {@code on}: {@code ignoring ()} alone
     * disappears, and a group modifier is written (with its labels, even none) only after on or ignoring.
     */
    private static String matching(VectorMatching m) {
        if (m == null || (m.labels().isEmpty() && !m.on())) {
            return "";
        }
        String text = (m.on() ? " on (" : " ignoring (") + String.join(", ", m.labels()) + ")";
        if (m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE) {
            text += " group_left (" + String.join(", ", m.include()) + ")";
        } else if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
            text += " group_right (" + String.join(", ", m.include()) + ")";
        }
        return text;
    }
}
