package io.opsplane.observability.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations ({@code 1y2w3d4h5m6s7ms}, units in this order, each at most once). */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile(
            "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};
    /** Go's time.Duration counts nanoseconds in an int64, so longer durations cannot exist in Prometheus. */
    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    private Durations() {
    }

    /**
     * Milliseconds of a duration string, accepting "0" without unit as Prometheus does.
     *
     * @throws IllegalArgumentException with Prometheus's wording when the string is not a duration
     */
    public static long parseMillis(String text) {
        if (text.equals("0")) {
            return 0;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: " + GoQuoting.quote(text));
        }
        long total = 0;
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            String digits = m.group(unit + 1);
            if (digits == null) {
                continue;
            }
            if (digits.length() > 18 || Long.parseLong(digits) > MAX_MILLIS / UNIT_MILLIS[unit]) {
                throw new IllegalArgumentException("duration out of range");
            }
            total += Long.parseLong(digits) * UNIT_MILLIS[unit];
            if (total > MAX_MILLIS) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        return total;
    }

    /** The shortest Prometheus spelling of a duration, e.g. 5400000 → "1h30m", 0 → "0s". */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            long count = rest / UNIT_MILLIS[unit];
            if (count > 0) {
                out.append(count).append(units[unit]);
                rest -= count * UNIT_MILLIS[unit];
            }
        }
        return out.toString();
    }
}
