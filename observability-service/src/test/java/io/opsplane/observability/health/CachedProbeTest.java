package io.opsplane.observability.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.support.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedProbeTest {

    /**
     * One call of {@link CachedProbe#result()}: how far the clock moved before it, whether the dependency answers,
     * and what is expected: whether it was asked, the reported state, the error, and since which step the state holds.
     */
    private record Step(String why, long advanceMillis, boolean answers, boolean asked, boolean reachable, String error,
            int sinceStep) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("the first call asks", 0, true, true, true, "", 0),
            new Step("within the cache period: the cached answer", 4_000, false, false, true, "", 0),
            new Step("the period is over: asked again, down from now", 1_000, false, true, false, "connection refused", 2),
            new Step("cached while down", 1_000, true, false, false, "connection refused", 2),
            new Step("still down: down since the first failure", 5_000, false, true, false, "connection refused", 2),
            new Step("back: reachable from now", 5_000, true, true, true, "", 5),
            new Step("still up: up since it came back", 10_000, true, true, true, "", 5));

    @Test
    void answersFromItsCacheWithinThePeriodAndTracksSinceWhen() {
        TestClock clock = new TestClock();
        boolean[] answers = {true};
        int[] asked = {0};
        CachedProbe probe = new CachedProbe(() -> {
            asked[0]++;
            if (!answers[0]) {
                throw new IOException("connection refused");
            }
        }, Duration.ofSeconds(5), clock);
        Instant[] checkedAt = new Instant[STEPS.size()];
        for (int i = 0; i < STEPS.size(); i++) {
            Step step = STEPS.get(i);
            clock.advance(Duration.ofMillis(step.advanceMillis()));
            answers[0] = step.answers();
            int before = asked[0];
            CachedProbe.Result result = probe.result();
            checkedAt[i] = result.checkedAt();
            assertEquals(step.asked(), asked[0] > before, step.why() + ": asked");
            assertEquals(step.reachable(), result.reachable(), step.why() + ": reachable");
            assertEquals(step.error(), result.error(), step.why() + ": error");
            assertEquals(checkedAt[step.sinceStep()], result.since(), step.why() + ": since");
        }
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsType() {
        CachedProbe probe = new CachedProbe(() -> {
            throw new IllegalStateException();
        }, Duration.ofSeconds(5), new TestClock());
        assertEquals("IllegalStateException", probe.result().error());
    }
}
