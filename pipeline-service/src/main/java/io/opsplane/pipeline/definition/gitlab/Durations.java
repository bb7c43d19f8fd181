package io.opsplane.pipeline.definition.gitlab;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's human durations (its ChronicDuration parser) as used by {@code timeout}, {@code start_in},
 * {@code expire_in} and {@code auto_stop_in}: {@code 1h 30m}, {@code 3 hours}, {@code 10 minutes}, {@code 90s},
 * {@code 1d}, {@code 2 weeks}, {@code 1 hour and 30 minutes}, {@code 1.5h}, {@code 01:30:00}, or a bare number of
 * seconds. A month counts 30 days and a year 365, as ChronicDuration does.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]*)");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d+):(\\d{1,2})");
    private static final Map<String, Long> UNIT_SECONDS = units();

    private Durations() {
    }

    private static Map<String, Long> units() {
        Map<String, Long> units = new java.util.HashMap<>();
        for (String s : new String[] {"s", "sec", "secs", "second", "seconds"}) {
            units.put(s, 1L);
        }
        for (String m : new String[] {"m", "min", "mins", "minute", "minutes"}) {
            units.put(m, 60L);
        }
        for (String h : new String[] {"h", "hr", "hrs", "hour", "hours"}) {
            units.put(h, 3_600L);
        }
        for (String d : new String[] {"d", "day", "days"}) {
            units.put(d, 86_400L);
        }
        for (String w : new String[] {"w", "wk", "wks", "week", "weeks"}) {
            units.put(w, 604_800L);
        }
        for (String mo : new String[] {"mo", "mos", "month", "months"}) {
            units.put(mo, 2_592_000L);
        }
        for (String y : new String[] {"y", "yr", "yrs", "year", "years"}) {
            units.put(y, 31_536_000L);
        }
        return Map.copyOf(units);
    }

    /** The duration, or empty when the text is not one. */
    public static Optional<Duration> parse(String text) {
        String input = Read.lower(text).trim();
        if (input.isEmpty()) {
            return Optional.empty();
        }
        Matcher clock = CLOCK.matcher(input);
        if (clock.matches()) {
            long hours = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
            long minutes = Long.parseLong(clock.group(2));
            long seconds = Long.parseLong(clock.group(3));
            return Optional.of(Duration.ofSeconds(hours * 3_600 + minutes * 60 + seconds));
        }
        String cleaned = input.replaceAll("\\band\\b", " ").replace(',', ' ').trim();
        Matcher part = PART.matcher(cleaned);
        BigDecimal seconds = BigDecimal.ZERO;
        int end = 0;
        boolean any = false;
        while (part.find()) {
            if (!cleaned.substring(end, part.start()).isBlank()) {
                return Optional.empty();
            }
            String unit = part.group(2);
            Long factor = unit.isEmpty() ? Long.valueOf(1L) : UNIT_SECONDS.get(unit);
            if (factor == null) {
                return Optional.empty();
            }
            seconds = seconds.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(factor)));
            end = part.end();
            any = true;
        }
        if (!any || !cleaned.substring(end).isBlank() || seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds.longValue()));
    }
}
