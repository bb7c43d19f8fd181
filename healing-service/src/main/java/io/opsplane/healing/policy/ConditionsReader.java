package io.opsplane.healing.policy;

import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a policy's {@code conditions}: environments, severities and time windows. */
final class ConditionsReader {

    private ConditionsReader() {
    }

    static Conditions conditions(YamlMapping node) {
        node.refuseUnknownKeys(Set.of("environments", "severities", "time_windows"));
        List<TimeWindow> windows = node.list("time_windows").stream()
                .map(window -> window(window.asMapping())).toList();
        return new Conditions(new HashSet<>(node.stringList("environments")),
                new HashSet<>(node.stringList("severities")), windows);
    }

    private static TimeWindow window(YamlMapping node) {
        node.refuseUnknownKeys(Set.of("days", "start", "end", "time_zone"));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (YamlNode day : node.list("days")) {
            days.add(day(day));
        }
        if (days.isEmpty()) {
            days = EnumSet.allOf(DayOfWeek.class);
        }
        ZoneId zone = node.optional("time_zone").map(ConditionsReader::zone).orElse(ZoneId.of("UTC"));
        return new TimeWindow(days, time(node.required("start")), time(node.required("end")), zone);
    }

    private static DayOfWeek day(YamlNode node) {
        String text = node.asString().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (text.equals(full) || text.equals(full.substring(0, 3))) {
                return day;
            }
        }
        throw node.error("expected a day of the week such as monday or mon, found " + node.describe());
    }

    private static LocalTime time(YamlNode node) {
        String text = node.asString();
        if (!text.matches("[0-2][0-9]:[0-5][0-9]")) {
            throw node.error("expected a time of day as HH:MM, found " + node.describe());
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw node.error("expected a time of day as HH:MM, found " + node.describe());
        }
    }

    private static ZoneId zone(YamlNode node) {
        try {
            return ZoneId.of(node.asString());
        } catch (DateTimeException e) {
            throw node.error("unknown time zone '" + node.asString() + "'");
        }
    }
}
