package io.opsplane.observability.rules;

/** An evaluation Prometheus would fail: duplicate series after labelling, or the group's limit exceeded. */
public final class RuleEvaluationException extends RuntimeException {

    public RuleEvaluationException(String message) {
        super(message);
    }
}
