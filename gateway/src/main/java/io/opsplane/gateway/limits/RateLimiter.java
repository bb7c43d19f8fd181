package io.opsplane.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: each key may spend up to {@code burst} requests at once and earns
 * {@code ratePerSecond} back over time. At most {@code maxKeys} buckets are kept; Caffeine evicts
 * the ones least worth keeping (not recently and rarely used), and an evicted key starts again with
 * a full bucket.
 *
 * <p>A bucket is one number, the time at which it will be full again (the generic cell rate
 * algorithm): whole nanoseconds, so refills are exact, and one compare-and-set per request, so calls
 * for different keys never wait for each other and calls for one key never block.
 */
public final class RateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Nanoseconds to earn one token. */
    private final long interval;
    /** Nanoseconds to earn a full bucket. */
    private final long capacity;
    private final LongSupplier nanoTime;
    private final Cache<String, AtomicLong> fullAt;

    /** A limiter on the system's monotonic clock. */
    public RateLimiter(double ratePerSecond, int burst, long maxKeys) {
        this(ratePerSecond, burst, maxKeys, System::nanoTime, ForkJoinPool.commonPool());
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     * @param maintenance where evictions run; {@code Runnable::run} makes them happen at once
     */
    public RateLimiter(double ratePerSecond, int burst, long maxKeys, LongSupplier nanoTime, Executor maintenance) {
        if (!(ratePerSecond > 0) || ratePerSecond > NANOS_PER_SECOND) {
            throw new IllegalArgumentException("the rate must be more than 0 and at most 10^9 requests per second");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("the burst must be at least 1");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("at least one key must be kept");
        }
        this.interval = Math.max(1, Math.round(NANOS_PER_SECOND / ratePerSecond));
        this.capacity = Math.multiplyExact(interval, (long) burst);
        this.nanoTime = nanoTime;
        this.fullAt = Caffeine.newBuilder().maximumSize(maxKeys).executor(maintenance).build();
    }

    /** Spends one token of {@code key}'s bucket if it has one; otherwise says how long until it will. */
    public Decision tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        AtomicLong bucket = fullAt.get(key, k -> new AtomicLong(now));
        while (true) {
            long current = bucket.get();
            // A bucket that was full before now is simply full (differences, since nanoTime may wrap).
            long next = (current - now < 0 ? now : current) + interval;
            long excess = next - now - capacity;
            if (excess > 0) {
                return Decision.refused(Duration.ofNanos(excess));
            }
            if (bucket.compareAndSet(current, next)) {
                return Decision.ALLOWED;
            }
        }
    }

    /** Whether {@code key}'s bucket is empty now, without spending from it. */
    public Decision peek(String key) {
        AtomicLong bucket = fullAt.getIfPresent(key);
        if (bucket == null) {
            return Decision.ALLOWED;
        }
        long now = nanoTime.getAsLong();
        long current = bucket.get();
        long excess = (current - now < 0 ? now : current) + interval - now - capacity;
        return excess > 0 ? Decision.refused(Duration.ofNanos(excess)) : Decision.ALLOWED;
    }

    /** How many keys have a bucket now, after pending evictions. */
    long trackedKeys() {
        fullAt.cleanUp();
        return fullAt.estimatedSize();
    }

    /** Whether a request may go ahead, and if not, how long until the next token. */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        static Decision refused(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }

        /** The wait in whole seconds, rounded up and at least 1, as {@code Retry-After} wants it. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
