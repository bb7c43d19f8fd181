package io.opsplane.security.audit;

/**
 * The first problem {@link ChainVerifier} found: its kind, the seq it concerns and a sentence for
 * an operator.
 */
public record Finding(TamperKind kind, long seq, String detail) {

    @Override
    public String toString() {
        return kind + " at seq " + seq + ": " + detail;
    }
}
