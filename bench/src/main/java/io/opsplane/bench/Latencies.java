package io.opsplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Durations of calls, in nanoseconds, from any thread; percentiles by rank. */
final class Latencies {

    private final List<Long> nanos = new ArrayList<>();

    synchronized void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    synchronized int count() {
        return nanos.size();
    }

    /** The {@code quantile} (0..1) in milliseconds; NaN when nothing was recorded. */
    synchronized double millis(double quantile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int rank = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank))) / 1e6;
    }

    /** "p50 …, p99 …, max … (n=…)". */
    String summary() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%,d)", millis(0.50), millis(0.99),
                millis(1.0), count());
    }
}
