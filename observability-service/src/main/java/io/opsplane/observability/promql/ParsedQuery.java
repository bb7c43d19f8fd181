package io.opsplane.observability.promql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A type-checked query with the selectors it reads, in the order they appear. */
public record ParsedQuery(String query, Expr expr, List<Expr.VectorSelector> selectors) {

    public ParsedQuery {
        selectors = List.copyOf(selectors);
    }

    static ParsedQuery of(String query, Expr expr) {
        List<Expr.VectorSelector> selectors = new ArrayList<>();
        collectSelectors(expr, selectors);
        return new ParsedQuery(query, expr, selectors);
    }

    public ValueType type() {
        return expr.type();
    }

    /** The query as Prometheus writes it back ({@link PromqlPrinter}), not as it was typed. */
    public String printed() {
        return PromqlPrinter.print(expr);
    }

    /** Metric names the query selects by equality on {@code __name__}, whether written before or inside braces. */
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Expr.VectorSelector selector : selectors) {
            for (LabelMatcher matcher : selector.matchers()) {
                if (matcher.name().equals("__name__") && matcher.type() == LabelMatcher.Type.EQUAL) {
                    names.add(matcher.value());
                }
            }
        }
        return names;
    }

    private static void collectSelectors(Expr expr, List<Expr.VectorSelector> out) {
        if (expr instanceof Expr.VectorSelector s) {
            out.add(s);
        } else if (expr instanceof Expr.MatrixSelector m) {
            out.add(m.selector());
        } else if (expr instanceof Expr.Subquery q) {
            collectSelectors(q.expr(), out);
        } else if (expr instanceof Expr.Call c) {
            c.args().forEach(arg -> collectSelectors(arg, out));
        } else if (expr instanceof Expr.Aggregation a) {
            if (a.parameter() != null) {
                collectSelectors(a.parameter(), out);
            }
            collectSelectors(a.expr(), out);
        } else if (expr instanceof Expr.Binary b) {
            collectSelectors(b.lhs(), out);
            collectSelectors(b.rhs(), out);
        } else if (expr instanceof Expr.Unary u) {
            collectSelectors(u.expr(), out);
        } else if (expr instanceof Expr.Paren p) {
            collectSelectors(p.expr(), out);
        }
    }
}
