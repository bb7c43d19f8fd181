package io.opsplane.observability.rules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a rule group is evaluated: on its interval, shifted by an offset. By default the offset is
 * stable for the group and spreads groups over the interval, exactly as Prometheus 2.42 computes it
 * (the XXH64 hash of the labels {file, name}, modulo the interval in nanoseconds); {@link #aligned}
 * takes an offset chosen elsewhere (right after the scrapes the group reads, see {@link ScrapeAlignment}).
 */
public final class GroupSchedule {

    private final long intervalNanos;
    private final long offsetNanos;

    /**
     * @param file the source the group comes from (Prometheus uses the rule file's path)
     * @param name the group's name
     */
    public GroupSchedule(String file, String name, Duration interval) {
        this(positive(name, interval), Long.remainderUnsigned(groupHash(file, name), interval.toNanos()));
    }

    private GroupSchedule(long intervalNanos, long offsetNanos) {
        this.intervalNanos = intervalNanos;
        this.offsetNanos = offsetNanos;
    }

    /** A schedule on {@code interval} at {@code offset} (taken modulo the interval). */
    public static GroupSchedule aligned(Duration interval, Duration offset) {
        long intervalNanos = positive("aligned", interval);
        return new GroupSchedule(intervalNanos, Math.floorMod(offset.toNanos(), intervalNanos));
    }

    private static long positive(String name, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("group " + name + ": interval must be positive, got " + interval);
        }
        return interval.toNanos();
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Prometheus's Group.hash(): the hash of the label set {file="...", name="..."}. */
    static long groupHash(String file, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String part : new String[] {"file", file, "name", name}) {
            bytes.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            bytes.write(0xff);
        }
        return XxHash64.hash(bytes.toByteArray());
    }

    public Duration offset() {
        return Duration.ofNanos(offsetNanos);
    }

    /** The evaluation time at or before {@code time} (Prometheus's EvalTimestamp). */
    public Instant slotAtOrBefore(Instant time) {
        long adjusted = toNanos(time) - offsetNanos;
        long base = adjusted - adjusted % intervalNanos;
        return fromNanos(base + offsetNanos);
    }

    /** The first evaluation time after {@code time}; Prometheus starts a group there. */
    public Instant slotAfter(Instant time) {
        return slotAtOrBefore(time).plusNanos(intervalNanos);
    }

    /** The first evaluation time at or after {@code sampleTime}, to evaluate as soon as a sample is there. */
    public Instant slotAtOrAfter(Instant sampleTime) {
        Instant before = slotAtOrBefore(sampleTime);
        return before.equals(sampleTime) ? before : before.plusNanos(intervalNanos);
    }

    /** The evaluation times in [from, to), at most {@code max} of them. */
    public List<Instant> slotsBetween(Instant from, Instant to, int max) {
        List<Instant> slots = new ArrayList<>();
        for (Instant slot = slotAtOrAfter(from); slot.isBefore(to) && slots.size() < max; slot = slot.plusNanos(intervalNanos)) {
            slots.add(slot);
        }
        return slots;
    }

    /**
     * The next evaluation after the one at {@code evaluatedAt} when it finished at {@code now}: the
     * following slot, or, when evaluation took longer than the interval, the first slot after
     * {@code now} (the ones in between are missed, as in Prometheus).
     */
    public Instant nextAfterEvaluation(Instant evaluatedAt, Instant now) {
        Instant next = evaluatedAt.plusNanos(intervalNanos);
        return next.isAfter(now) ? next : slotAfter(now);
    }

    private static long toNanos(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }

    private static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
