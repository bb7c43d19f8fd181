package io.opsplane.platform.yaml;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' duration syntax: units from years down to milliseconds, each at most once and in that order
 * ({@code 1d2h30m}, {@code 90s}, {@code 500ms}); a year is 365 days, a week 7 days; a lone {@code 0} is zero.
 */
public final class PrometheusDuration {

    private static final Pattern SYNTAX = Pattern.compile(
            "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

    private PrometheusDuration() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher matcher = SYNTAX.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration (write it like 30s, 5m, 1h30m or 500ms)");
        }
        long millis = 0;
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            String amount = matcher.group(unit + 1);
            if (amount != null) {
                try {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS[unit]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("the duration '" + text + "' is too long");
                }
            }
        }
        return Duration.ofMillis(millis);
    }
}
