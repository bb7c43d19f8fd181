package io.opsplane.platform.failure;

import java.time.Duration;

/**
 * How often and how patiently to retry: exponential back-off from {@code initialBackoff}, doubled up
 * to {@code maxBackoff}; a {@link FailureKind#RETRYABLE} failure gives up after {@code maxAttempts}.
 * An {@link FailureKind#UNAVAILABLE} dependency is waited for without a limit: no record is to blame,
 * and health reports the wait.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max");
        }
    }

    /** The same back-off with another bound on attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff);
    }

    /** The pause before attempt {@code attempt + 1}, after {@code attempt} failed ones (1-based). */
    public Duration backoffAfter(int attempt) {
        long millis = initialBackoff.toMillis();
        for (int i = 1; i < attempt && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** Whether a failure of this kind, after {@code attempt} failed attempts, is worth another one. */
    public boolean retries(FailureKind kind, int attempt) {
        return switch (kind) {
            case PERMANENT -> false;
            case RETRYABLE -> attempt < maxAttempts;
            case UNAVAILABLE -> true;
        };
    }
}
