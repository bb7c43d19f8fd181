package io.opsplane.observability.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where in its interval a rule group is best evaluated: right after the scrapes it reads have landed, so a
 * threshold crossed in a scrape is seen by the very next evaluation instead of up to one interval later.
 *
 * <p>Each target scrapes at a fixed phase of its interval, and its samples are visible from that phase plus the
 * scrape's duration. With one target the group evaluates just after that moment. With several, no single moment
 * is right after all of them; the group evaluates right after the phase that is followed by the longest quiet
 * gap, which keeps the oldest sample it reads as young as possible.
 */
public final class ScrapeAlignment {

    /** One target's scrapes: when the last one's samples became visible, and how often it is scraped. */
    public record Scrape(Instant visibleAt, Duration interval) {
    }

    private ScrapeAlignment() {
    }

    /**
     * The offset (from the epoch, modulo {@code groupInterval}) at which a group on {@code groupInterval} should be
     * evaluated after {@code scrapes}; empty when there are none. When the targets are scraped on different
     * intervals their phases are compared on the group's interval.
     */
    public static Optional<Duration> offset(Collection<Scrape> scrapes, Duration groupInterval) {
        if (scrapes.isEmpty()) {
            return Optional.empty();
        }
        Duration first = scrapes.iterator().next().interval();
        boolean common = first != null && !first.isNegative() && !first.isZero()
                && scrapes.stream().allMatch(scrape -> first.equals(scrape.interval()));
        long period = (common ? first : groupInterval).toNanos();
        List<Long> phases = new ArrayList<>();
        for (Scrape scrape : scrapes) {
            phases.add(Math.floorMod(nanos(scrape.visibleAt()), period));
        }
        phases.sort(null);
        // The phase followed by the longest gap to the next one (around the circle).
        long best = phases.get(phases.size() - 1);
        long longestGap = phases.get(0) + period - best;
        for (int i = 0; i + 1 < phases.size(); i++) {
            long gap = phases.get(i + 1) - phases.get(i);
            if (gap > longestGap) {
                longestGap = gap;
                best = phases.get(i);
            }
        }
        return Optional.of(Duration.ofNanos(Math.floorMod(best, groupInterval.toNanos())));
    }

    private static long nanos(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }
}
