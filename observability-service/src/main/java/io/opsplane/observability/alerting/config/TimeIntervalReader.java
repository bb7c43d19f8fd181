package io.opsplane.observability.alerting.config;

import io.opsplane.observability.alerting.timeinterval.DayRange;
import io.opsplane.observability.alerting.timeinterval.TimeInterval;
import io.opsplane.observability.alerting.timeinterval.TimeOfDayRange;
import io.opsplane.observability.alerting.timeinterval.TimePeriod;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/** Reads {@code time_intervals} and the older {@code mute_time_intervals}; names are unique across both. */
final class TimeIntervalReader {

    private static final FieldRules INTERVAL_FIELDS = new FieldRules(Set.of("name", "time_intervals"), Map.of());
    private static final FieldRules PERIOD_FIELDS = new FieldRules(
            Set.of("times", "weekdays", "days_of_month", "months", "years", "location"), Map.of());
    private static final FieldRules TIME_FIELDS = new FieldRules(Set.of("start_time", "end_time"), Map.of());
    private static final Pattern TIME = Pattern.compile("(([01][0-9])|(2[0-3])):[0-5][0-9]|24:00");
    private static final List<String> WEEKDAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");

    private TimeIntervalReader() {
    }

    static Map<String, TimeInterval> read(YamlMapping root) {
        Map<String, TimeInterval> intervals = new LinkedHashMap<>();
        for (String field : List.of("mute_time_intervals", "time_intervals")) {
            for (YamlNode node : root.list(field)) {
                YamlMapping section = node.asMapping();
                INTERVAL_FIELDS.check(section);
                YamlNode nameNode = section.required("name");
                String name = nameNode.asString();
                if (intervals.containsKey(name)) {
                    throw nameNode.error("time interval \"" + name + "\" is not unique");
                }
                List<TimePeriod> periods = new ArrayList<>();
                for (YamlNode period : section.list("time_intervals")) {
                    periods.add(period(period.asMapping()));
                }
                intervals.put(name, new TimeInterval(name, periods));
            }
        }
        return intervals;
    }

    private static TimePeriod period(YamlMapping section) {
        PERIOD_FIELDS.check(section);
        List<TimeOfDayRange> times = new ArrayList<>();
        for (YamlNode node : section.list("times")) {
            times.add(times(node.asMapping()));
        }
        return new TimePeriod(times,
                ranges(section, "weekdays", item -> named(item, WEEKDAYS, 0, "weekday"), false),
                ranges(section, "days_of_month", TimeIntervalReader::dayOfMonth, true),
                ranges(section, "months", item -> month(item), false),
                ranges(section, "years", TimeIntervalReader::year, false),
                location(section));
    }

    private static TimeOfDayRange times(YamlMapping section) {
        TIME_FIELDS.check(section);
        int start = minutes(section.required("start_time"));
        YamlNode endNode = section.required("end_time");
        int end = minutes(endNode);
        if (start >= end) {
            throw endNode.error("start time cannot be equal or greater than end time");
        }
        return new TimeOfDayRange(start, end);
    }

    private static int minutes(YamlNode node) {
        String text = node.asString();
        if (!TIME.matcher(text).matches()) {
            throw node.error("invalid time of day '" + text + "' (write HH:MM, from 00:00 to 24:00)");
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }

    /** Items such as {@code monday} or {@code monday:friday}; the end may not come before the beginning. */
    private static List<DayRange> ranges(YamlMapping section, String field, ToIntFunction<Item> value,
            boolean countsFromEnd) {
        List<DayRange> ranges = new ArrayList<>();
        for (YamlNode node : section.list(field)) {
            String text = node.asString();
            String[] parts = text.split(":", -1);
            if (parts.length > 2) {
                throw node.error("invalid range '" + text + "' (write a value or begin:end)");
            }
            int begin = value.applyAsInt(new Item(node, parts[0].trim()));
            int end = parts.length == 2 ? value.applyAsInt(new Item(node, parts[1].trim())) : begin;
            int comparableBegin = countsFromEnd && begin < 0 ? 32 + begin : begin;
            int comparableEnd = countsFromEnd && end < 0 ? 32 + end : end;
            if (comparableEnd < comparableBegin) {
                throw node.error("the range '" + text + "' ends before it begins");
            }
            ranges.add(new DayRange(begin, end));
        }
        return ranges;
    }

    private record Item(YamlNode node, String text) {
    }

    private static int named(Item item, List<String> names, int first, String kind) {
        int index = names.indexOf(item.text().toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw item.node().error("'" + item.text() + "' is not a " + kind);
        }
        return index + first;
    }

    private static int month(Item item) {
        if (item.text().chars().allMatch(Character::isDigit) && !item.text().isEmpty()) {
            return number(item, 1, 12, "month");
        }
        return named(item, MONTHS, 1, "month");
    }

    private static int dayOfMonth(Item item) {
        int day = number(item, -31, 31, "day of the month");
        if (day == 0) {
            throw item.node().error("0 is not a day of the month (days count from 1, or from -1 at the end)");
        }
        return day;
    }

    private static int year(Item item) {
        return number(item, 1, 9999, "year");
    }

    private static int number(Item item, int min, int max, String kind) {
        try {
            int value = Integer.parseInt(item.text());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw item.node().error("'" + item.text() + "' is not a " + kind + " (" + min + " to " + max + ")");
    }

    private static ZoneId location(YamlMapping section) {
        return section.optional("location").map(node -> {
            String name = node.asString();
            if (name.equals("Local")) {
                throw node.error("the location 'Local' depends on the server; name a time zone such as Europe/Paris");
            }
            try {
                return name.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(name);
            } catch (DateTimeException e) {
                throw node.error("unknown time zone '" + name + "'");
            }
        }).orElse(ZoneOffset.UTC);
    }
}
