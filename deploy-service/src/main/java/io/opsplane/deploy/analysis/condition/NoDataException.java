package io.opsplane.deploy.analysis.condition;

/** The result has nothing to judge (NaN, or an empty result indexed), which is not a verdict either way. */
public final class NoDataException extends RuntimeException {

    public NoDataException(String message) {
        super(message);
    }
}
