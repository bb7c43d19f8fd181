package io.opsplane.observability.alerting.timeinterval;

/**
 * An inclusive range of weekdays (0 = Sunday), days of the month, months (1 = January) or years. Days of the month
 * may be negative, counting back from the month's end (-1 is its last day).
 */
public record DayRange(int begin, int end) {

    boolean contains(int value) {
        return value >= begin && value <= end;
    }
}
