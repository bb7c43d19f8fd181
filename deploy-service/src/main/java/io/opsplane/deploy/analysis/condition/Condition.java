package io.opsplane.deploy.analysis.condition;

/**
 * A parsed success or failure condition. Parse once with {@link ConditionParser}, evaluate per
 * measurement.
 */
public final class Condition {

    private final String text;
    private final Expression root;

    Condition(String text, Expression root) {
        this.text = text;
        this.root = root;
    }

    public String text() {
        return text;
    }

    /**
     * @throws NoDataException when the decision would rest on NaN or on an element of an empty result
     * @throws ConditionEvaluationException when the condition does not fit the result's shape
     */
    public boolean isMetBy(MetricValue result) {
        Object value = root.evaluate(result);
        if (value instanceof Boolean met) {
            return met;
        }
        throw new ConditionEvaluationException("condition '" + text + "' gives a " + Expression.describe(value)
                + ", not true or false");
    }

    @Override
    public String toString() {
        return text;
    }
}
