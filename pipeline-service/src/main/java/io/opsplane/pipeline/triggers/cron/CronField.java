package io.opsplane.pipeline.triggers.cron;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/** One field of a cron expression: its name, its range and, for months and weekdays, the names it accepts. */
enum CronField {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day of month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    // 7 is Sunday as well, as in every cron since Vixie's.
    DAY_OF_WEEK("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    final String label;
    final int min;
    final int max;
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    /**
     * The values a field's text allows: {@code *}, numbers, names, ranges {@code a-b}, steps {@code * /n},
     * {@code a-b/n} and {@code a/n}, and lists of those.
     */
    BitSet parse(String text) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            parsePart(part, values);
        }
        if (this == DAY_OF_WEEK && values.get(7)) {
            values.clear(7);
            values.set(0);
        }
        return values;
    }

    private void parsePart(String part, BitSet values) {
        if (part.isEmpty()) {
            throw invalid(part, "an empty item in a list");
        }
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(part.substring(slash + 1), part);
            if (step < 1 || step > max) {
                throw invalid(part, "a step between 1 and " + max);
            }
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            from = min;
            to = this == DAY_OF_WEEK ? 6 : max;
        } else if (range.indexOf('-') > 0) {
            int dash = range.indexOf('-');
            from = value(range.substring(0, dash), part);
            to = value(range.substring(dash + 1), part);
            if (to < from) {
                throw invalid(part, "a range that does not run backwards");
            }
        } else {
            from = value(range, part);
            // "5/15" is every 15 from 5 to the end of the range.
            to = slash >= 0 ? max : from;
        }
        for (int value = from; value <= to; value += step) {
            values.set(value);
        }
    }

    private int value(String text, String part) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + (this == MONTH ? 1 : 0);
        }
        int value = number(text, part);
        if (value < min || value > max) {
            throw invalid(part, "values from " + min + " to " + max);
        }
        return value;
    }

    private int number(String text, String part) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            if (text.matches("(?i)L|W|LW|\\d*[LW#].*|.*#.*")) {
                throw invalid(part, "no L, W or # (they are Quartz extensions)");
            }
            throw invalid(part, names.isEmpty() ? "numbers" : "numbers or the names " + String.join(", ", names));
        }
        return Integer.parseInt(text);
    }

    private InvalidCronException invalid(String part, String expected) {
        return new InvalidCronException("the " + label + " field '" + part + "' is not valid: it takes " + expected);
    }
}
