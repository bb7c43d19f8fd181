package io.opsplane.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenPolicyTest {

    private static final Duration DEFAULT_TTL = Duration.ofDays(30);
    private static final Duration MAX_TTL = Duration.ofDays(365);
    private static final long MAX_SECONDS = 365L * 24 * 60 * 60;

    @Nested
    class Ttl {

        private final TokenPolicy policy = new TokenPolicy(DEFAULT_TTL, MAX_TTL);

        @Test
        void zeroMeansTheDefault() {
            assertSame(DEFAULT_TTL, policy.ttl(0));
        }

        static Stream<Arguments> withinRange() {
            return Stream.of(
                    Arguments.of(1L, Duration.ofSeconds(1)),
                    Arguments.of(3_600L, Duration.ofHours(1)),
                    Arguments.of(MAX_SECONDS - 1, MAX_TTL.minusSeconds(1)),
                    Arguments.of(MAX_SECONDS, MAX_TTL));
        }

        @ParameterizedTest(name = "{0} s")
        @MethodSource("withinRange")
        void aLifetimeWithinRangeIsGrantedAsAsked(long seconds, Duration expected) {
            assertEquals(expected, policy.ttl(seconds));
        }

        @ParameterizedTest(name = "{0} s")
        @ValueSource(longs = {-1L, -3_600L, Long.MIN_VALUE, MAX_SECONDS + 1, Long.MAX_VALUE})
        void negativeAndAboveTheMaximumAreRejectedNamingTheField(long seconds) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.ttl(seconds));

            assertEquals("ttl_seconds must be between 1 and " + MAX_SECONDS, e.getMessage());
        }
    }

    @Nested
    class Names {

        static Stream<String> acceptedNames() {
            return Stream.of(
                    "a",
                    "7",
                    "ci",
                    "deploy bot",
                    "user@example.com",
                    "svc:build-01",
                    "a.b_c-d",
                    "trailing space ",
                    "a".repeat(128));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("acceptedNames")
        void saneNamesAreReturnedUnchanged(String name) {
            assertSame(name, TokenPolicy.checkName("name", name));
        }

        static Stream<String> rejectedNames() {
            return Stream.of(
                    " leading space",
                    "a".repeat(129),
                    "-dash-first",
                    "_underscore-first",
                    ".dot-first",
                    "tab\there",
                    "new\nline",
                    "name\n",
                    "nul\u0000",
                    "bell\u0007",
                    "del\u007f",
                    "<script>alert(1)</script>",
                    "a/b",
                    "a;b",
                    "quote'",
                    "\u00e9mile",
                    "caf\u00e9");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("rejectedNames")
        void otherNamesAreRejectedNamingTheField(String name) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TokenPolicy.checkName("token_name", name));

            assertTrue(e.getMessage().startsWith("token_name must be 1 to 128 "), e.getMessage());
        }

        @ParameterizedTest
        @NullAndEmptySource
        void nullAndEmptyNamesAreRejected(String name) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TokenPolicy.checkName("name", name));

            assertTrue(e.getMessage().startsWith("name must be"), e.getMessage());
        }
    }
}
