package io.opsplane.observability.promql;

import java.util.List;

/**
 * A parsed PromQL expression. Every node records the index in the query where it starts, so that
 * type errors found after parsing can name their position.
 */
public sealed interface Expr {

    int position();

    ValueType type();

    record NumberLiteral(double value, int position) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    record StringLiteral(String value, int position) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /**
     * An instant vector selector. {@code matchers} includes the {@code __name__} matcher that a name
     * written before the braces stands for; {@code offsetMillis} is 0 without an offset.
     */
    record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMillis, AtModifier at, int position)
            implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
        }

        @Override
        public ValueType type() {
            return ValueType.INSTANT_VECTOR;
        }
    }

    /** A range vector selector {@code selector[range]}; offset and @ live on the inner selector. */
    record MatrixSelector(VectorSelector selector, long rangeMillis, int position) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.RANGE_VECTOR;
        }
    }

    /** {@code expr[range:step]}; a step of 0 means the evaluation interval. */
    record Subquery(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, AtModifier at, int position)
            implements Expr {
        @Override
        public ValueType type() {
            return ValueType.RANGE_VECTOR;
        }
    }

    record Call(PromqlFunction function, List<Expr> args, int position) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public ValueType type() {
            return function.returnType();
        }
    }

    /** An aggregation; {@code parameter} is null unless the operator takes one (topk, quantile...). */
    record Aggregation(AggregationOp op, Expr expr, Expr parameter, List<String> grouping, boolean without,
            int position) implements Expr {
        public Aggregation {
            grouping = List.copyOf(grouping);
        }

        @Override
        public ValueType type() {
            return ValueType.INSTANT_VECTOR;
        }
    }

    /**
     * A binary operation; {@code matching} is null unless both sides are instant vectors.
     * {@code operatorPosition} locates the operator for errors about it.
     */
    record Binary(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool, int position,
            int operatorPosition) implements Expr {
        @Override
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                    ? ValueType.SCALAR : ValueType.INSTANT_VECTOR;
        }
    }

    /** Unary minus or plus on something other than a number literal (those are folded). */
    record Unary(boolean negate, Expr expr, int position) implements Expr {
        @Override
        public ValueType type() {
            return expr.type();
        }
    }

    record Paren(Expr expr, int position) implements Expr {
        @Override
        public ValueType type() {
            return expr.type();
        }
    }
}
