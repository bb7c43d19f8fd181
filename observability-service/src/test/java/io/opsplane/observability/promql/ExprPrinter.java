package io.opsplane.observability.promql;

import java.util.stream.Collectors;

/** Renders a tree as a compact s-expression so tests can state its shape in one line. */
final class ExprPrinter {

    private ExprPrinter() {
    }

    static String print(Expr expr) {
        if (expr instanceof Expr.NumberLiteral n) {
            double v = n.value();
            return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
        }
        if (expr instanceof Expr.StringLiteral s) {
            return GoQuoting.quote(s.value());
        }
        if (expr instanceof Expr.VectorSelector s) {
            String matchers = s.matchers().stream().map(LabelMatcher::toString).collect(Collectors.joining(","));
            return "{" + matchers + "}" + modifiers(s.offsetMillis(), s.at());
        }
        if (expr instanceof Expr.MatrixSelector m) {
            return print(m.selector()) + "[" + Durations.format(m.rangeMillis()) + "]";
        }
        if (expr instanceof Expr.Subquery q) {
            return "(subquery " + print(q.expr()) + " " + Durations.format(q.rangeMillis()) + ":"
                    + (q.stepMillis() == 0 ? "" : Durations.format(q.stepMillis())) + ")" + modifiers(q.offsetMillis(), q.at());
        }
        if (expr instanceof Expr.Call c) {
            return "(" + c.function().name() + c.args().stream().map(a -> " " + print(a)).collect(Collectors.joining()) + ")";
        }
        if (expr instanceof Expr.Aggregation a) {
            String grouping = a.grouping().isEmpty() && !a.without() ? ""
                    : (a.without() ? " without" : " by") + a.grouping();
            return "(" + a.op().spelling() + grouping + (a.parameter() == null ? "" : " " + print(a.parameter()))
                    + " " + print(a.expr()) + ")";
        }
        if (expr instanceof Expr.Binary b) {
            StringBuilder out = new StringBuilder("(").append(b.op().spelling());
            if (b.returnBool()) {
                out.append(" bool");
            }
            VectorMatching m = b.matching();
            if (m != null) {
                out.append(' ').append(m.cardinality());
                if (m.on() || !m.labels().isEmpty()) {
                    out.append(m.on() ? " on" : " ignoring").append(m.labels());
                }
                if (!m.include().isEmpty()) {
                    out.append(" include").append(m.include());
                }
            }
            return out.append(' ').append(print(b.lhs())).append(' ').append(print(b.rhs())).append(')').toString();
        }
        if (expr instanceof Expr.Unary u) {
            return "(" + (u.negate() ? "-" : "+") + " " + print(u.expr()) + ")";
        }
        return "(paren " + print(((Expr.Paren) expr).expr()) + ")";
    }

    private static String modifiers(long offset, AtModifier at) {
        String out = offset == 0 ? "" : " offset " + (offset < 0 ? "-" + Durations.format(-offset) : Durations.format(offset));
        if (at != null) {
            out += " @ " + (at.kind() == AtModifier.Kind.TIMESTAMP ? Long.toString(at.timestampMillis()) : at.kind());
        }
        return out;
    }
}
