package io.opsplane.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RateLimiterTest {

    /** One request of a scenario: when (ms from the start), for which key, and what it should get. */
    record Step(long atMillis, String key, boolean allowed, long retryAfterSeconds) {

        @Override
        public String toString() {
            return "t=" + atMillis + "ms " + key + (allowed ? " allowed" : " refused, retry after " + retryAfterSeconds);
        }
    }

    static Step allowed(long atMillis, String key) {
        return new Step(atMillis, key, true, 0);
    }

    static Step refused(long atMillis, String key, long retryAfterSeconds) {
        return new Step(atMillis, key, false, retryAfterSeconds);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                arguments("the burst is spent, then the next call waits for one token", 1.0, 3, List.of(
                        allowed(0, "a"), allowed(0, "a"), allowed(0, "a"), refused(0, "a", 1))),
                arguments("a token comes back after 1/rate seconds, not before", 2.0, 1, List.of(
                        allowed(0, "a"), refused(0, "a", 1), refused(499, "a", 1), allowed(500, "a"),
                        refused(500, "a", 1))),
                arguments("a long pause refills no more than the burst", 10.0, 2, List.of(
                        allowed(0, "a"), allowed(0, "a"), allowed(60_000, "a"), allowed(60_000, "a"),
                        refused(60_000, "a", 1))),
                arguments("the refill is steady: one token per interval", 4.0, 1, List.of(
                        allowed(0, "a"), allowed(250, "a"), allowed(500, "a"), refused(600, "a", 1),
                        allowed(750, "a"))),
                arguments("different keys have their own buckets", 1.0, 1, List.of(
                        allowed(0, "a"), refused(0, "a", 1), allowed(0, "b"), refused(0, "b", 1), allowed(0, "c"))),
                arguments("Retry-After rounds the wait up to whole seconds", 0.4, 1, List.of(
                        allowed(0, "a"), refused(0, "a", 3), refused(1_000, "a", 2), refused(2_400, "a", 1),
                        allowed(2_500, "a"))),
                arguments("repeated refusals spend nothing", 1.0, 1, List.of(
                        allowed(0, "a"), refused(0, "a", 1), refused(0, "a", 1), refused(999, "a", 1),
                        allowed(1_000, "a"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, double rate, int burst, List<Step> steps) {
        FakeNanoClock clock = new FakeNanoClock();
        RateLimiter limiter = new RateLimiter(rate, burst, 1_000, clock, Runnable::run);

        for (Step step : steps) {
            clock.setMillis(step.atMillis());
            RateLimiter.Decision decision = limiter.tryAcquire(step.key());
            assertEquals(step.allowed(), decision.allowed(), step.toString());
            if (!step.allowed()) {
                assertEquals(step.retryAfterSeconds(), decision.retryAfterSeconds(), step.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0} ns -> {1} s")
    @CsvSource({"0,1", "1,1", "999999999,1", "1000000000,1", "1000000001,2", "2500000000,3", "59000000000,59"})
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne(long waitNanos, long seconds) {
        assertEquals(seconds, new RateLimiter.Decision(false, Duration.ofNanos(waitNanos)).retryAfterSeconds());
    }

    @Test
    void peekTellsWhetherABucketIsEmptyWithoutSpendingFromIt() {
        FakeNanoClock clock = new FakeNanoClock();
        RateLimiter limiter = new RateLimiter(1.0, 2, 10, clock, Runnable::run);

        assertTrue(limiter.peek("unknown").allowed());
        assertTrue(limiter.tryAcquire("a").allowed());
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.peek("a").allowed(), "peek " + i);
        }
        assertTrue(limiter.tryAcquire("a").allowed());
        RateLimiter.Decision empty = limiter.peek("a");
        assertFalse(empty.allowed());
        assertEquals(1, empty.retryAfterSeconds());
        clock.advanceMillis(1_000);
        assertTrue(limiter.peek("a").allowed());
        assertTrue(limiter.tryAcquire("a").allowed());
        assertFalse(limiter.peek("a").allowed());
    }

    @Test
    void aClockThatWrapsAroundDoesNotConfuseTheBuckets() {
        FakeNanoClock clock = new FakeNanoClock(Long.MAX_VALUE - 1_000_000);
        RateLimiter limiter = new RateLimiter(1.0, 1, 10, clock, Runnable::run);

        assertTrue(limiter.tryAcquire("a").allowed());
        assertFalse(limiter.tryAcquire("a").allowed());
        clock.advanceMillis(1_000);
        assertTrue(limiter.tryAcquire("a").allowed());
    }

    @Test
    void atMostMaxKeysAreKept() {
        RateLimiter limiter = new RateLimiter(1.0, 1, 100, new FakeNanoClock(), Runnable::run);

        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("key-" + i);
        }

        assertTrue(limiter.trackedKeys() <= 100, "kept " + limiter.trackedKeys() + " keys");
    }

    @Test
    void aFloodOfNewKeysDoesNotEvictAKeyThatKeepsCalling() {
        RateLimiter limiter = new RateLimiter(1.0, 5, 100, new FakeNanoClock(), Runnable::run);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("busy").allowed());
        }

        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("one-off-" + i);
            if (i % 10 == 0) {
                assertFalse(limiter.tryAcquire("busy").allowed(), "the busy key's bucket was forgotten at " + i);
            }
        }
    }

    @Test
    void anEvictedKeyStartsWithAFullBucket() {
        RateLimiter limiter = new RateLimiter(1.0, 2, 1, new FakeNanoClock(), Runnable::run);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        assertFalse(limiter.tryAcquire("a").allowed());

        // With room for one key, "b" and "a" cannot both be kept; whichever one stays, the other
        // starts again from a full bucket.
        boolean bAllowed = limiter.tryAcquire("b").allowed();
        boolean aAllowedAfterB = limiter.tryAcquire("a").allowed();

        assertTrue(bAllowed);
        assertEquals(1, limiter.trackedKeys());
        assertTrue(aAllowedAfterB || limiter.tryAcquire("b").allowed());
    }

    @Test
    void concurrentCallsForOneKeyNeverSpendMoreThanTheBurst() throws Exception {
        RateLimiter limiter = new RateLimiter(1.0, 100, 10, new FakeNanoClock(), Runnable::run);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < 1_000; i++) {
                        allowed += limiter.tryAcquire("shared").allowed() ? 1 : 0;
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(10, TimeUnit.SECONDS);
            }
            assertEquals(100, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @CsvSource({"0,1,1", "-1,1,1", "NaN,1,1", "1,0,1", "1,1,0"})
    void nonsenseSettingsAreRefused(double rate, int burst, long maxKeys) {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(rate, burst, maxKeys));
    }

    /** A monotonic clock the test moves by hand. */
    static final class FakeNanoClock implements java.util.function.LongSupplier {

        private final long origin;
        private final AtomicLong now;

        FakeNanoClock() {
            this(123_456_789L);
        }

        FakeNanoClock(long origin) {
            this.origin = origin;
            this.now = new AtomicLong(origin);
        }

        void setMillis(long millis) {
            now.set(origin + TimeUnit.MILLISECONDS.toNanos(millis));
        }

        void advanceMillis(long millis) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        @Override
        public long getAsLong() {
            return now.get();
        }
    }
}
