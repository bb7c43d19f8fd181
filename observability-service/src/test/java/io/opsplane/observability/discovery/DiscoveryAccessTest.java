package io.opsplane.observability.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.discovery.DiscoveryAccess.Decision;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiscoveryAccessTest {

    private static final String TOKEN = "Zm9vYmFyYmF6cXV4LXRva2VuLTEyMzQ1Njc4";
    private static final DiscoveryAccess ACCESS = DiscoveryAccess.of(Optional.of(TOKEN + "\n"));

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("Bearer " + TOKEN, Decision.ALLOWED),
                Arguments.of("bearer " + TOKEN, Decision.ALLOWED),
                Arguments.of("  Bearer   " + TOKEN + "  ", Decision.ALLOWED),
                Arguments.of(null, Decision.UNAUTHENTICATED),
                Arguments.of("", Decision.UNAUTHENTICATED),
                Arguments.of("Bearer", Decision.UNAUTHENTICATED),
                Arguments.of("Bearer ", Decision.UNAUTHENTICATED),
                Arguments.of(TOKEN, Decision.UNAUTHENTICATED),
                Arguments.of("Basic " + TOKEN, Decision.UNAUTHENTICATED),
                Arguments.of("Bearer " + TOKEN.substring(1), Decision.UNAUTHENTICATED),
                Arguments.of("Bearer " + TOKEN + "x", Decision.UNAUTHENTICATED),
                Arguments.of("Bearer " + TOKEN.toLowerCase(), Decision.UNAUTHENTICATED),
                Arguments.of("Bearer " + TOKEN + "\u0000", Decision.UNAUTHENTICATED),
                Arguments.of("Bearer " + "x".repeat(100_000), Decision.UNAUTHENTICATED));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void onlyTheStoresTokenIsAllowed(String header, Decision expected) {
        assertEquals(expected, ACCESS.decide(header));
    }

    @Test
    void withoutATokenNobodyMay() {
        for (DiscoveryAccess off : new DiscoveryAccess[] {DiscoveryAccess.of(Optional.empty()),
                DiscoveryAccess.of(Optional.of("")), DiscoveryAccess.of(Optional.of(" \n"))}) {
            assertFalse(off.enabled());
            assertEquals(Decision.DISABLED, off.decide("Bearer " + TOKEN));
            assertEquals(Decision.DISABLED, off.decide("Bearer "));
            assertEquals(Decision.DISABLED, off.decide(null));
        }
        assertTrue(ACCESS.enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "fifteen-chars-x", "with space inside-1234", "tab\tinside-123456789",
            "non-ascii-\u00e9-1234567890"})
    void weakOrOddTokensAreRefused(String token) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiscoveryAccess.of(Optional.of(token)));
        assertTrue(e.getMessage().contains("16 to 1024 printable ASCII characters"), e.getMessage());
    }
}
