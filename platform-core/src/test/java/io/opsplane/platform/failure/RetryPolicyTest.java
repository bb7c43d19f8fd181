package io.opsplane.platform.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(1000));

    @ParameterizedTest
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "40, 1000"})
    void backoffDoublesUpToItsCeiling(int attempt, long millis) {
        assertEquals(Duration.ofMillis(millis), policy.backoffAfter(attempt));
    }

    @Test
    void permanentNeverRetriesRetryableIsBoundedUnavailableWaits() {
        assertFalse(policy.retries(FailureKind.PERMANENT, 1));
        assertTrue(policy.retries(FailureKind.RETRYABLE, 2));
        assertFalse(policy.retries(FailureKind.RETRYABLE, 3));
        assertTrue(policy.retries(FailureKind.UNAVAILABLE, 1_000_000));
        RetryPolicy once = policy.withMaxAttempts(1);
        assertFalse(once.retries(FailureKind.RETRYABLE, 1));
        assertTrue(once.retries(FailureKind.UNAVAILABLE, 1));
        assertEquals(policy.backoffAfter(3), once.backoffAfter(3));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
