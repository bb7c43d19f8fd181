package io.opsplane.deploy.analysis.condition;

import java.util.List;

/** The parsed form of a condition; values are Double, Boolean or a List of Double. */
interface Expression {

    Object evaluate(MetricValue result);

    record NumberLiteral(double value) implements Expression {
        public Object evaluate(MetricValue result) {
            return value;
        }
    }

    record Result() implements Expression {
        public Object evaluate(MetricValue result) {
            return result.isList() ? result.values() : result.values().get(0);
        }
    }

    record Length(Expression operand) implements Expression {
        public Object evaluate(MetricValue result) {
            Object value = operand.evaluate(result);
            if (value instanceof List<?> list) {
                return (double) list.size();
            }
            throw new ConditionEvaluationException("len() needs a list, got a " + describe(value));
        }
    }

    record Index(Expression list, Expression index) implements Expression {
        public Object evaluate(MetricValue result) {
            Object target = list.evaluate(result);
            if (!(target instanceof List<?> values)) {
                throw new ConditionEvaluationException("only a list can be indexed, got a " + describe(target));
            }
            double position = number(index.evaluate(result), "an index");
            if (position != Math.rint(position) || position < 0) {
                throw new ConditionEvaluationException("an index must be a whole number ≥ 0, was " + position);
            }
            if (values.isEmpty()) {
                throw new NoDataException("the result is empty");
            }
            if (position >= values.size()) {
                throw new ConditionEvaluationException("index " + (long) position + " is past the result's "
                        + values.size() + " values");
            }
            return values.get((int) position);
        }
    }

    record Not(Expression operand) implements Expression {
        public Object evaluate(MetricValue result) {
            return !bool(operand.evaluate(result), "!");
        }
    }

    record Negate(Expression operand) implements Expression {
        public Object evaluate(MetricValue result) {
            return -number(operand.evaluate(result), "-");
        }
    }

    record Binary(String operator, Expression left, Expression right) implements Expression {
        public Object evaluate(MetricValue result) {
            switch (operator) {
                case "&&":
                    return bool(left.evaluate(result), operator) && bool(right.evaluate(result), operator);
                case "||":
                    return bool(left.evaluate(result), operator) || bool(right.evaluate(result), operator);
                default:
                    break;
            }
            double a = number(left.evaluate(result), operator);
            double b = number(right.evaluate(result), operator);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                // NaN compares false both ways, which would quietly pass a failureCondition.
                throw new NoDataException("the result is NaN");
            }
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> divide(a, b);
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                case ">=" -> a >= b;
                case "==" -> a == b;
                case "!=" -> a != b;
                default -> throw new IllegalStateException("the parser produced operator " + operator);
            };
        }

        private static double divide(double a, double b) {
            if (b == 0) {
                throw new ConditionEvaluationException("division by zero");
            }
            return a / b;
        }
    }

    static double number(Object value, String operator) {
        if (value instanceof Double number) {
            return number;
        }
        throw new ConditionEvaluationException("'" + operator + "' needs a number, got a " + describe(value)
                + (value instanceof List ? " (use result[0] or len(result))" : ""));
    }

    static boolean bool(Object value, String operator) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new ConditionEvaluationException("'" + operator + "' needs true or false, got a " + describe(value));
    }

    static String describe(Object value) {
        return value instanceof List ? "list" : value instanceof Boolean ? "true/false" : "number";
    }
}
