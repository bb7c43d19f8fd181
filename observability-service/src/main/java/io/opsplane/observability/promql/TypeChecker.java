package io.opsplane.observability.promql;

import io.opsplane.observability.promql.Expr.Aggregation;
import io.opsplane.observability.promql.Expr.Binary;
import io.opsplane.observability.promql.Expr.Call;
import io.opsplane.observability.promql.Expr.MatrixSelector;
import io.opsplane.observability.promql.Expr.Paren;
import io.opsplane.observability.promql.Expr.Subquery;
import io.opsplane.observability.promql.Expr.Unary;
import io.opsplane.observability.promql.Expr.VectorSelector;
import io.opsplane.observability.promql.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus's type checks after a successful parse, in its order (children first, then the
 * node), reporting the first failure. Returns the tree with vector matching normalised as
 * Prometheus does: none unless both sides are instant vectors, many-to-many for set operators.
 */
final class TypeChecker {

    private final String query;

    TypeChecker(String query) {
        this.query = query;
    }

    private PromqlException error(int position, String reason) {
        return new PromqlException(query, position, reason);
    }

    Expr check(Expr expr) {
        if (expr instanceof Aggregation a) {
            return checkAggregation(a);
        }
        if (expr instanceof Binary b) {
            return checkBinary(b);
        }
        if (expr instanceof Call c) {
            return checkCall(c);
        }
        if (expr instanceof Paren p) {
            return new Paren(check(p.expr()), p.position());
        }
        if (expr instanceof Unary u) {
            Expr inner = check(u.expr());
            ValueType type = inner.type();
            if (type != ValueType.SCALAR && type != ValueType.INSTANT_VECTOR) {
                throw error(u.position(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                        + GoQuoting.quote(type.documentedName()));
            }
            return new Unary(u.negate(), inner, u.position());
        }
        if (expr instanceof Subquery q) {
            Expr inner = check(q.expr());
            if (inner.type() != ValueType.INSTANT_VECTOR) {
                throw error(q.position(), "subquery is only allowed on instant vector, got "
                        + inner.type().internalName() + " instead");
            }
            return new Subquery(inner, q.rangeMillis(), q.stepMillis(), q.offsetMillis(), q.at(), q.position());
        }
        if (expr instanceof MatrixSelector m) {
            checkSelector(m.selector());
            return m;
        }
        if (expr instanceof VectorSelector s) {
            checkSelector(s);
        }
        return expr;
    }

    private Expr expectType(Expr expr, ValueType expected, String context) {
        Expr checked = check(expr);
        if (checked.type() != expected) {
            throw error(expr.position(), "expected type " + expected.documentedName() + " in " + context + ", got "
                    + checked.type().documentedName());
        }
        return checked;
    }

    private Expr checkAggregation(Aggregation a) {
        Expr inner = expectType(a.expr(), ValueType.INSTANT_VECTOR, "aggregation expression");
        Expr parameter = a.parameter();
        switch (a.op()) {
            case TOPK, BOTTOMK, QUANTILE -> parameter = expectType(parameter, ValueType.SCALAR, "aggregation parameter");
            case COUNT_VALUES -> parameter = expectType(parameter, ValueType.STRING, "aggregation parameter");
            default -> {
                // no parameter
            }
        }
        return new Aggregation(a.op(), inner, parameter, a.grouping(), a.without(), a.position());
    }

    private Expr checkBinary(Binary b) {
        Expr lhs = check(b.lhs());
        Expr rhs = check(b.rhs());
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        BinaryOp op = b.op();
        VectorMatching matching = b.matching();
        if (b.returnBool() && !op.isComparison()) {
            throw error(b.operatorPosition(), "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(b.operatorPosition(), "comparisons between scalars must use BOOL modifier");
        }
        Cardinality cardinality = op.isSetOperator() && matching.cardinality() == Cardinality.ONE_TO_ONE
                ? Cardinality.MANY_TO_MANY : matching.cardinality();
        if (matching.on()) {
            for (String label : matching.labels()) {
                if (matching.include().contains(label)) {
                    throw error(b.operatorPosition(), "label " + GoQuoting.quote(label)
                            + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.INSTANT_VECTOR) {
            throw error(lhs.position(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.INSTANT_VECTOR) {
            throw error(rhs.position(), "binary expression must contain only scalar and instant vector types");
        }
        VectorMatching normalised = null;
        if (lt != ValueType.INSTANT_VECTOR || rt != ValueType.INSTANT_VECTOR) {
            if (!matching.labels().isEmpty()) {
                throw error(b.position(), "vector matching only allowed between instant vectors");
            }
        } else {
            if (op.isSetOperator()) {
                if (cardinality == Cardinality.ONE_TO_MANY || cardinality == Cardinality.MANY_TO_ONE) {
                    throw error(b.position(), "no grouping allowed for " + GoQuoting.quote(op.spelling()) + " operation");
                }
            }
            normalised = new VectorMatching(cardinality, matching.labels(), matching.on(), matching.include());
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
            throw error(b.position(), "set operator " + GoQuoting.quote(op.spelling())
                    + " not allowed in binary scalar expression");
        }
        return new Binary(op, lhs, rhs, normalised, b.returnBool(), b.position(), b.operatorPosition());
    }

    private Expr checkCall(Call c) {
        PromqlFunction function = c.function();
        int declared = function.argTypes().size();
        int given = c.args().size();
        String name = GoQuoting.quote(function.name());
        if (function.variadic() == 0) {
            if (declared != given) {
                throw error(c.position(), "expected " + declared + " argument(s) in call to " + name + ", got " + given);
            }
        } else {
            int required = declared - 1;
            if (required > given) {
                throw error(c.position(), "expected at least " + required + " argument(s) in call to " + name
                        + ", got " + given);
            }
            int most = required + function.variadic();
            if (function.variadic() > 0 && most < given) {
                throw error(c.position(), "expected at most " + most + " argument(s) in call to " + name
                        + ", got " + given);
            }
        }
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < given; i++) {
            int typeIndex = Math.min(i, declared - 1);
            args.add(expectType(c.args().get(i), function.argTypes().get(typeIndex), "call to function " + name));
        }
        return new Call(function, args, c.position());
    }

    private void checkSelector(VectorSelector s) {
        List<LabelMatcher> matchers = s.matchers();
        if (s.name() != null) {
            // The last matcher stands for the name written before the braces.
            for (LabelMatcher m : matchers.subList(0, matchers.size() - 1)) {
                if (m.name().equals("__name__")) {
                    throw error(s.position(), "metric name must not be set twice: " + GoQuoting.quote(s.name())
                            + " or " + GoQuoting.quote(m.value()));
                }
            }
            return;
        }
        if (matchers.stream().allMatch(m -> m.matches(""))) {
            throw error(s.position(), "vector selector must contain at least one non-empty matcher");
        }
    }
}
