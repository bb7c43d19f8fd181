package io.opsplane.observability.alerting.timeinterval;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One entry of a time interval: an instant is inside when, in the period's location, every field that is set has
 * a range containing it (Alertmanager 0.25's {@code timeinterval.ContainsTime}). An empty list does not constrain.
 */
public record TimePeriod(List<TimeOfDayRange> times, List<DayRange> weekdays, List<DayRange> daysOfMonth,
        List<DayRange> months, List<DayRange> years, ZoneId location) {

    public TimePeriod {
        times = List.copyOf(times);
        weekdays = List.copyOf(weekdays);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = List.copyOf(months);
        years = List.copyOf(years);
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(location);
        int minute = local.getHour() * 60 + local.getMinute();
        return (times.isEmpty() || times.stream().anyMatch(range -> range.contains(minute)))
                && (weekdays.isEmpty() || anyContains(weekdays, local.getDayOfWeek().getValue() % 7))
                && (daysOfMonth.isEmpty() || inDaysOfMonth(local))
                && (months.isEmpty() || anyContains(months, local.getMonthValue()))
                && (years.isEmpty() || anyContains(years, local.getYear()));
    }

    private static boolean anyContains(List<DayRange> ranges, int value) {
        return ranges.stream().anyMatch(range -> range.contains(value));
    }

    /** Negative days count from the month's end; a range starting after the month's last day is skipped. */
    private boolean inDaysOfMonth(ZonedDateTime local) {
        int daysInMonth = local.toLocalDate().lengthOfMonth();
        for (DayRange range : daysOfMonth) {
            int begin = range.begin() < 0 ? daysInMonth + range.begin() + 1 : range.begin();
            int end = range.end() < 0 ? daysInMonth + range.end() + 1 : range.end();
            if (begin > daysInMonth) {
                continue;
            }
            begin = Math.max(-daysInMonth, Math.min(begin, daysInMonth));
            end = Math.max(-daysInMonth, Math.min(end, daysInMonth));
            if (local.getDayOfMonth() >= begin && local.getDayOfMonth() <= end) {
                return true;
            }
        }
        return false;
    }
}
