package io.opsplane.observability.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * Remembers the series one rule wrote at its last evaluation, so that the series it no longer
 * writes get Prometheus's stale marker and stop showing in queries at once instead of lingering
 * for the lookback window (an ALERTS series of a resolved alert, for example).
 */
public final class StaleSeries {

    /** Prometheus's staleness marker: a NaN with this exact bit pattern. */
    public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

    private Set<SortedMap<String, String>> previous = Set.of();

    /**
     * The stale markers to write along with {@code written}, the series of this evaluation. After
     * a failed evaluation it is not called, as Prometheus then writes nothing and keeps the series
     * of the last successful one.
     */
    public List<Sample> markersFor(List<Sample> written) {
        Set<SortedMap<String, String>> current = new HashSet<>();
        written.forEach(sample -> current.add(sample.labels()));
        List<Sample> markers = new ArrayList<>();
        for (SortedMap<String, String> labels : previous) {
            if (!current.contains(labels)) {
                markers.add(new Sample(labels, STALE_NAN));
            }
        }
        markers.sort(java.util.Comparator.comparing(sample -> sample.labels().toString()));
        previous = current;
        return markers;
    }

    public static boolean isStaleMarker(double value) {
        return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
    }
}
