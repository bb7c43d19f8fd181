package io.opsplane.platform.masking;

import java.util.Arrays;

/**
 * Matched ranges of a stream not settled yet, as half-open {@code [start, end)} positions: sorted,
 * and merged as they come in, so no two overlap or touch. The first one may already have been written
 * as a replacement and can still grow to the right.
 */
final class PendingRanges {

    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int count;
    private boolean firstWritten;

    /** Adds a match; it ends after every earlier one but may start before them and swallow them. */
    void add(long start, long end) {
        while (count > 0 && ends[count - 1] >= start) {
            count--;
            start = Math.min(start, starts[count]);
            end = Math.max(end, ends[count]);
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int count() {
        return count;
    }

    long start(int index) {
        return starts[index];
    }

    long end(int index) {
        return ends[index];
    }

    /** Whether the first range's replacement has been written already. */
    boolean firstWritten() {
        return firstWritten;
    }

    /** Forgets the first {@code settled} ranges; {@code nextFirstWritten} says if the new first one is. */
    void dropFirst(int settled, boolean nextFirstWritten) {
        System.arraycopy(starts, settled, starts, 0, count - settled);
        System.arraycopy(ends, settled, ends, 0, count - settled);
        count -= settled;
        firstWritten = nextFirstWritten;
    }
}
