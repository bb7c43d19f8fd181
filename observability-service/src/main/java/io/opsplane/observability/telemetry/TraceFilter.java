package io.opsplane.observability.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace search: spans matching every given condition, newest first, one page. Turned into one SQL statement
 * with positional parameters; values never enter the SQL text.
 *
 * @param status        0 any, 1 ok, 2 error (OTLP's codes; unset spans match only "any")
 * @param attributeKey  with {@code attributeValue}: a span whose attributes hold key = value (as a string)
 * @param pageToken     the start time (µs since the epoch) and span id after which the next page begins, or empty
 */
public record TraceFilter(String service, String operation, Duration minDuration, Duration maxDuration, int status,
        Instant from, Instant to, String attributeKey, String attributeValue, int limit, String pageToken) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 20;
    public static final Duration MAX_RANGE = Duration.ofDays(31);

    /** Checked and completed (defaults: the last hour, 20 spans); IllegalArgumentException names the field. */
    public TraceFilter {
        service = service == null ? "" : service.strip();
        operation = operation == null ? "" : operation.strip();
        attributeKey = attributeKey == null ? "" : attributeKey;
        attributeValue = attributeValue == null ? "" : attributeValue;
        pageToken = pageToken == null ? "" : pageToken;
        to = to == null ? Instant.now() : to;
        from = from == null ? to.minus(Duration.ofHours(1)) : from;
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("start " + from + " is after end " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("the time range is longer than " + MAX_RANGE.toDays() + " days");
        }
        if (minDuration != null && minDuration.isNegative()) {
            throw new IllegalArgumentException("minDuration must not be negative");
        }
        if (minDuration != null && maxDuration != null && maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("maxDuration " + maxDuration + " is below minDuration " + minDuration);
        }
        if (status < 0 || status > 2) {
            throw new IllegalArgumentException("status must be 0 (any), 1 (ok) or 2 (error), not " + status);
        }
        if (attributeKey.isEmpty() != attributeValue.isEmpty()) {
            throw new IllegalArgumentException("attribute needs both a key and a value (key=value)");
        }
        for (String text : List.of(service, operation, attributeKey, attributeValue, pageToken)) {
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a search field contains a NUL character");
            }
            if (text.length() > 1024) {
                throw new IllegalArgumentException("a search field is longer than 1024 characters");
            }
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        limit = limit == 0 ? DEFAULT_LIMIT : limit;
        if (!pageToken.isEmpty() && !pageToken.matches("[0-9]{1,19}:[0-9a-f]{16}")) {
            throw new IllegalArgumentException("pageToken '" + pageToken + "' is not one this service gave");
        }
    }

    /** The statement and its parameters, in order. */
    public record Sql(String text, List<Object> parameters) {
    }

    /**
     * {@code SELECT <columns> FROM telemetry_span WHERE ... ORDER BY start_time DESC, span_id DESC LIMIT n+1}:
     * one more than the page, so the caller knows whether another page follows.
     */
    public Sql sql(String columns) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        condition(where, parameters, "start_time >= $", from);
        condition(where, parameters, "start_time < $", to);
        if (!service.isEmpty()) {
            condition(where, parameters, "service = $", service);
        }
        if (!operation.isEmpty()) {
            condition(where, parameters, "operation = $", operation);
        }
        if (minDuration != null) {
            condition(where, parameters, "duration_ns >= $", nanos(minDuration));
        }
        if (maxDuration != null) {
            condition(where, parameters, "duration_ns <= $", nanos(maxDuration));
        }
        if (status != 0) {
            condition(where, parameters, "status = $", (short) status);
        }
        if (!attributeKey.isEmpty()) {
            condition(where, parameters, "attributes @> $", "{" + Json.string(attributeKey) + ":"
                    + Json.string(attributeValue) + "}");
            where.append("::text::jsonb");
        }
        if (!pageToken.isEmpty()) {
            int colon = pageToken.indexOf(':');
            long micros = Long.parseLong(pageToken.substring(0, colon));
            parameters.add(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS));
            parameters.add(pageToken.substring(colon + 1));
            where.append(" AND (start_time, span_id) < ($").append(parameters.size() - 1).append(", $")
                    .append(parameters.size()).append(')');
        }
        return new Sql("SELECT " + columns + " FROM telemetry_span WHERE " + where
                + " ORDER BY start_time DESC, span_id DESC LIMIT " + (limit + 1), parameters);
    }

    /** The token of the page after the one that ends with this span. */
    public static String pageTokenAfter(SpanRow last) {
        return Math.floorDiv(last.startNanos(), 1000) + ":" + last.spanId();
    }

    private static long nanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }

    private static void condition(StringBuilder where, List<Object> parameters, String condition, Object value) {
        parameters.add(value);
        if (!where.isEmpty()) {
            where.append(" AND ");
        }
        where.append(condition).append(parameters.size());
    }
}
