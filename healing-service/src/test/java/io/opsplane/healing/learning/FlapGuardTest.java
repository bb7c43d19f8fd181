package io.opsplane.healing.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlapGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    /** Attempts are {@code target@minute}; the guard allows 3 per 60 minutes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            under the limit                 | shop@0 shop@10 shop@20                 | R R R
            over the limit escalates        | shop@0 shop@10 shop@20 shop@30         | R R R E
            escalations are not counted     | shop@0 shop@1 shop@2 shop@3 shop@60    | R R R E R
            the period slides               | shop@0 shop@10 shop@20 shop@59 shop@61 | R R R E R
            each target has its own count   | shop@0 shop@1 shop@2 cart@3            | R R R R
            """)
    void escalatesAfterTooManyRemediationsOfOneTarget(String title, String attempts, String expected) {
        FlapGuard guard = new FlapGuard(3, Duration.ofMinutes(60));
        List<String> decisions = new ArrayList<>();
        for (String attempt : attempts.split(" ")) {
            String[] part = attempt.split("@");
            FlapGuard.Decision decision = guard.admit(part[0], T0.plus(Duration.ofMinutes(Integer.parseInt(part[1]))));
            decisions.add(decision.name().substring(0, 1));
        }
        assertEquals(expected, String.join(" ", decisions));
    }

    @Test
    void refusesALimitThatAllowsNothing() {
        assertThrows(IllegalArgumentException.class, () -> new FlapGuard(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new FlapGuard(1, Duration.ZERO));
    }
}
