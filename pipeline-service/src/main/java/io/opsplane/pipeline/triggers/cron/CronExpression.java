package io.opsplane.pipeline.triggers.cron;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute, hour, day of month, month, day of week) in a time zone, as GitLab's
 * pipeline schedules and every Unix cron read it: lists, ranges, steps, month and weekday names, 0 or 7 for
 * Sunday, and the macros {@code @hourly}, {@code @daily}, {@code @midnight}, {@code @weekly}, {@code @monthly},
 * {@code @yearly}, {@code @annually}. When both day fields are restricted a day matches either (Vixie cron's
 * rule); a day field that starts with {@code *} does not restrict.
 * <p>
 * Daylight saving time: a time that does not exist (the hour skipped in spring) fires once, at the moment the
 * clocks jump; a time that exists twice (the hour repeated in autumn) fires once, the first time.
 */
public final class CronExpression {

    /** How far ahead to look for the next match; an expression that matches nothing in that time never fires. */
    private static final int SEARCH_YEARS = 8;
    private static final int MAX_LENGTH = 256;
    private static final Map<String, String> MACROS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    private final String text;
    private final ZoneId zone;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean eitherDay;

    private CronExpression(String text, ZoneId zone, String[] fields) {
        this.text = text;
        this.zone = zone;
        this.minutes = CronField.MINUTE.parse(fields[0]);
        this.hours = CronField.HOUR.parse(fields[1]);
        this.daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[2]);
        this.months = CronField.MONTH.parse(fields[3]);
        this.daysOfWeek = CronField.DAY_OF_WEEK.parse(fields[4]);
        this.eitherDay = !fields[2].startsWith("*") && !fields[4].startsWith("*")
                && !fields[2].startsWith("?") && !fields[4].startsWith("?");
    }

    /**
     * Reads {@code text} in the time zone {@code zoneId} (an IANA name such as {@code Europe/Berlin}, or
     * {@code UTC}); refuses, naming the field, what cannot be read, and an expression that never fires.
     */
    public static CronExpression parse(String text, String zoneId) {
        if (text == null || text.isBlank()) {
            throw new InvalidCronException("a cron expression is needed, such as '0 3 * * *' (03:00 every day)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidCronException("a cron expression has at most " + MAX_LENGTH + " characters");
        }
        ZoneId zone = zone(zoneId);
        String trimmed = text.trim();
        String expanded = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (expanded == null) {
            throw new InvalidCronException("'" + trimmed + "' is not a cron macro: use one of "
                    + String.join(", ", new java.util.TreeSet<>(MACROS.keySet())));
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new InvalidCronException("a cron expression has five fields (minute hour day-of-month month "
                    + "day-of-week); '" + trimmed + "' has " + fields.length);
        }
        CronExpression expression = new CronExpression(trimmed, zone, fields);
        if (expression.nextAfter(Instant.EPOCH.plus(365L * 56, ChronoUnit.DAYS)).isEmpty()) {
            throw new InvalidCronException("'" + trimmed + "' never fires (no day matches it)");
        }
        return expression;
    }

    private static ZoneId zone(String zoneId) {
        String id = zoneId == null || zoneId.isBlank() ? "UTC" : zoneId.trim();
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidCronException("'" + id + "' is not a time zone: use an IANA name such as "
                    + "Europe/Berlin or America/New_York, or UTC");
        }
    }

    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first instant strictly after {@code after} at which this expression fires; empty when none is near. */
    public Optional<Instant> nextAfter(Instant after) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = local.plusYears(SEARCH_YEARS);
        while (local.isBefore(limit)) {
            if (!months.get(local.getMonthValue())) {
                local = local.withDayOfMonth(1).toLocalDate().plusMonths(1).atStartOfDay();
            } else if (!dayMatches(local)) {
                local = local.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(local.getHour())) {
                local = local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(local.getMinute())) {
                local = local.plusMinutes(1);
            } else {
                Instant candidate = instantOf(local);
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
                local = local.plusMinutes(1);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDateTime local) {
        boolean dayOfMonth = daysOfMonth.get(local.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(local.getDayOfWeek().getValue() % 7);
        return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    /** A local time in a gap fires when the clocks jump; one that occurs twice fires at its first occurrence. */
    private Instant instantOf(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    @Override
    public String toString() {
        return text + " (" + zone + ")";
    }
}
