package io.opsplane.deploy.analysis.condition;

/** A well-formed condition that cannot be applied to this result, such as {@code result[3]} of two values. */
public final class ConditionEvaluationException extends RuntimeException {

    public ConditionEvaluationException(String message) {
        super(message);
    }
}
