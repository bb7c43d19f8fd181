package io.opsplane.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.platform.auth.TokenVerdicts.Use;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerdictsTest {

    private static final Instant ANSWERED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant FAR = ANSWERED.plus(Duration.ofDays(30));

    /** ttl 5 s, stale window 30 s, answered at 10:00:00. */
    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of("accepted, within the TTL", true, FAR, 4, Use.ACCEPT),
                Arguments.of("accepted, at the TTL's end", true, FAR, 5, Use.ACCEPT_AND_REFRESH),
                Arguments.of("accepted, in the stale window", true, FAR, 34, Use.ACCEPT_AND_REFRESH),
                Arguments.of("accepted, past the stale window", true, FAR, 35, Use.ASK),
                Arguments.of("accepted, expiring before the TTL ends", true, ANSWERED.plusSeconds(2), 3, Use.ASK),
                Arguments.of("accepted, expiring inside the stale window", true, ANSWERED.plusSeconds(10), 9,
                        Use.ACCEPT_AND_REFRESH),
                Arguments.of("accepted, expired inside the stale window", true, ANSWERED.plusSeconds(10), 10, Use.ASK),
                Arguments.of("refused, within the TTL", false, FAR, 4, Use.REFUSE),
                Arguments.of("refused, past the TTL: never let in stale", false, FAR, 6, Use.ASK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void aCachedAnswerIsUsedOnlyAsLongAsItMayBe(String name, boolean accepted, Instant expiresAt, int secondsLater,
            Use expected) {
        TokenVerdicts<String> verdicts = new TokenVerdicts<>(Duration.ofSeconds(5), Duration.ofSeconds(30), 10);
        if (accepted) {
            verdicts.accepted("token", "runner-1", ANSWERED, expiresAt);
        } else {
            verdicts.refused("token", ANSWERED);
        }
        TokenVerdicts.Lookup<String> lookup = verdicts.lookup("token", ANSWERED.plusSeconds(secondsLater));
        assertEquals(expected, lookup.use());
        boolean lets = expected == Use.ACCEPT || expected == Use.ACCEPT_AND_REFRESH;
        assertEquals(lets ? Optional.of("runner-1") : Optional.empty(), lookup.principal());
    }

    @org.junit.jupiter.api.Test
    void aRefusedRefreshEndsTheStaleAcceptanceAtOnce() {
        TokenVerdicts<String> verdicts = new TokenVerdicts<>(Duration.ofSeconds(5), Duration.ofSeconds(30), 10);
        verdicts.accepted("token", "runner-1", ANSWERED, FAR);
        Instant revokedSeen = ANSWERED.plusSeconds(7);
        assertEquals(Use.ACCEPT_AND_REFRESH, verdicts.lookup("token", revokedSeen).use());
        verdicts.refused("token", revokedSeen);
        assertEquals(Use.REFUSE, verdicts.lookup("token", revokedSeen.plusMillis(1)).use());
    }

    @org.junit.jupiter.api.Test
    void anUnknownTokenIsAsked() {
        TokenVerdicts<String> verdicts = new TokenVerdicts<>(Duration.ofSeconds(5), Duration.ofSeconds(30), 10);
        assertEquals(Use.ASK, verdicts.lookup("never-seen", ANSWERED).use());
    }
}
