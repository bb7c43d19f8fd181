package io.opsplane.observability.alerting.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The work of the delivery threads, so that one slow or dead receiver cannot hold up the others. Each job has a
 * key (one group's notifications to one integration) and a lane (the integration it goes to):
 * <ul>
 * <li>a key has at most one job: a later notification for a key that waits replaces it, and one for a key whose
 * attempt is under way waits behind it (it replaces any other waiting there), so repeated flushes of a group that
 * cannot be delivered do not pile up;</li>
 * <li>a lane has at most {@code laneLimit} attempts under way, so a receiver that hangs holds that many threads at
 * most, and {@link #take} hands out the job of another lane meanwhile;</li>
 * <li>a retry waits for its back-off as a time in the queue, not on a thread;</li>
 * <li>at most {@code capacity} keys are held; {@link #offer} refuses more (counted in {@link #refused}).</li>
 * </ul>
 * Time is the {@code now} the calls are given. Not thread-safe: one caller at a time.
 *
 * @param <T> the notification a job carries
 */
public final class DeliveryQueue<T> {

    /** What {@link #offer} did. */
    public enum Offer { QUEUED, COALESCED, REFUSED }

    /** A job handed out: the attempt to make now ({@code 1} for the first). */
    public record Job<T>(String key, String lane, T payload, int attempt) {
    }

    private static final class Entry<T> {
        final String lane;
        final long order;
        T payload;
        int attempt = 1;
        Instant readyAt;
        boolean running;
        boolean cancelled;
        T next;

        Entry(String lane, long order, T payload, Instant readyAt) {
            this.lane = lane;
            this.order = order;
            this.payload = payload;
            this.readyAt = readyAt;
        }
    }

    private final int laneLimit;
    private final int capacity;
    private final BiPredicate<T, T> covers;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private long order;
    private long refused;

    /**
     * @param covers whether a delivered notification (first) makes one offered while it was under way (second)
     *     pointless, as when both tell the same alerts
     */
    public DeliveryQueue(int laneLimit, int capacity, BiPredicate<T, T> covers) {
        if (laneLimit < 1 || capacity < 1) {
            throw new IllegalArgumentException("lane limit and capacity must be positive");
        }
        this.laneLimit = laneLimit;
        this.capacity = capacity;
        this.covers = covers;
    }

    /** Queues {@code payload} for {@code key}, coalesced with what the key already holds. */
    public Offer offer(String key, String lane, T payload, Instant now) {
        Entry<T> entry = entries.get(key);
        if (entry != null) {
            if (entry.running) {
                entry.next = payload;
            } else {
                entry.payload = payload;
                entry.attempt = 1;
                entry.readyAt = now;
            }
            return Offer.COALESCED;
        }
        if (entries.size() >= capacity) {
            refused++;
            return Offer.REFUSED;
        }
        entries.put(key, new Entry<>(lane, order++, payload, now));
        return Offer.QUEUED;
    }

    /** The job to attempt now: the longest ready one whose lane has room; it is under way until {@link #done}. */
    public Optional<Job<T>> take(Instant now) {
        Map.Entry<String, Entry<T>> best = null;
        for (Map.Entry<String, Entry<T>> candidate : entries.entrySet()) {
            Entry<T> entry = candidate.getValue();
            if (entry.running || entry.readyAt.isAfter(now) || running.getOrDefault(entry.lane, 0) >= laneLimit) {
                continue;
            }
            if (best == null || entry.readyAt.isBefore(best.getValue().readyAt)
                    || entry.readyAt.equals(best.getValue().readyAt) && entry.order < best.getValue().order) {
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Entry<T> entry = best.getValue();
        entry.running = true;
        running.merge(entry.lane, 1, Integer::sum);
        return Optional.of(new Job<>(best.getKey(), entry.lane, entry.payload, entry.attempt));
    }

    /**
     * Whether {@link #done} with these arguments would try the job's notification again, as things stand now
     * (a newer notification for the key may still arrive before it is called).
     */
    public boolean wouldRetry(Job<T> job, boolean delivered, boolean retryable) {
        Entry<T> entry = entries.get(job.key());
        return !delivered && retryable && entry != null && entry.next == null && !entry.cancelled;
    }

    /**
     * Ends {@code job}'s attempt: {@code retryAfter} present retries it after that back-off, unless a newer
     * notification for the key arrived meanwhile (which goes next) or the key was cancelled. Returns whether the
     * job's notification will be attempted again.
     */
    public boolean done(Job<T> job, boolean delivered, Optional<Duration> retryAfter, Instant now) {
        Entry<T> entry = entries.get(job.key());
        running.computeIfPresent(job.lane(), (lane, count) -> count > 1 ? count - 1 : null);
        if (entry == null) {
            return false;
        }
        entry.running = false;
        if (entry.next != null && !(delivered && covers.test(job.payload(), entry.next))) {
            entry.payload = entry.next;
            entry.next = null;
            entry.cancelled = false;
            entry.attempt = 1;
            entry.readyAt = now;
            return false;
        }
        if (!delivered && retryAfter.isPresent() && !entry.cancelled) {
            entry.attempt = job.attempt() + 1;
            entry.readyAt = now.plus(retryAfter.get());
            return true;
        }
        entries.remove(job.key());
        return false;
    }

    /**
     * Drops the waiting jobs whose notification passes {@code test}; one under way finishes its attempt but is
     * not tried again.
     */
    public void cancel(Predicate<T> test) {
        for (Iterator<Entry<T>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<T> entry = it.next();
            if (entry.next != null && test.test(entry.next)) {
                entry.next = null;
            }
            if (test.test(entry.payload)) {
                if (entry.running) {
                    entry.cancelled = true;
                } else {
                    it.remove();
                }
            }
        }
    }

    /**
     * When the next waiting job whose lane has room becomes ready, if any; a lane that is full gets room only
     * through {@link #done}.
     */
    public Optional<Instant> nextReady() {
        return entries.values().stream()
                .filter(entry -> !entry.running && running.getOrDefault(entry.lane, 0) < laneLimit)
                .map(entry -> entry.readyAt).min(Instant::compareTo);
    }

    /** Keys held: waiting, under way, or waiting for a retry. */
    public int size() {
        return entries.size();
    }

    /** Notifications refused because the queue was full, since it was made. */
    public long refused() {
        return refused;
    }
}
