package io.opsplane.healing.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Days of the week and a time of day range in a time zone. An end before the start runs over midnight and counts
 * for the day it starts on, so {@code fri 22:00-06:00} includes Saturday 03:00 but not Friday 03:00; an end equal
 * to the start means the 24 hours from the start.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public TimeWindow {
        days = Set.copyOf(days);
    }

    public boolean contains(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (end.isAfter(start)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        boolean lateOnStartDay = days.contains(local.getDayOfWeek()) && !time.isBefore(start);
        boolean earlyOnNextDay = days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(end);
        return lateOnStartDay || earlyOnNextDay;
    }
}
