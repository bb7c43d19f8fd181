package io.opsplane.observability.alerting.timeinterval;

/** Minutes of the day from {@code startMinute} (included) to {@code endMinute} (excluded, at most 1440). */
public record TimeOfDayRange(int startMinute, int endMinute) {

    boolean contains(int minuteOfDay) {
        return minuteOfDay >= startMinute && minuteOfDay < endMinute;
    }
}
