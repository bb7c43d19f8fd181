package io.opsplane.observability.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A log search: records matching every given condition, newest first, one page. {@code text} matches a part of
 * the body, case-insensitively, as plain text ({@code %} and {@code _} match themselves).
 *
 * @param minSeverity OTLP SeverityNumber: records at or above it (1 trace .. 9 info .. 17 error .. 24 fatal)
 */
public record LogFilter(String service, int minSeverity, String text, String traceId, Instant from, Instant to,
        int limit) {

    public LogFilter {
        service = service == null ? "" : service.strip();
        text = text == null ? "" : text;
        traceId = traceId == null ? "" : traceId.strip().toLowerCase(java.util.Locale.ROOT);
        to = to == null ? Instant.now() : to;
        from = from == null ? to.minus(Duration.ofHours(1)) : from;
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("start " + from + " is after end " + to);
        }
        if (Duration.between(from, to).compareTo(TraceFilter.MAX_RANGE) > 0) {
            throw new IllegalArgumentException("the time range is longer than " + TraceFilter.MAX_RANGE.toDays()
                    + " days");
        }
        if (minSeverity < 0 || minSeverity > 24) {
            throw new IllegalArgumentException("minSeverity must be an OTLP severity number 0-24, not " + minSeverity);
        }
        if (!traceId.isEmpty() && !traceId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("traceId must be 32 hex digits");
        }
        for (String field : List.of(service, text)) {
            if (field.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a search field contains a NUL character");
            }
            if (field.length() > 1024) {
                throw new IllegalArgumentException("a search field is longer than 1024 characters");
            }
        }
        if (limit < 0 || limit > TraceFilter.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + TraceFilter.MAX_LIMIT + ", not "
                    + limit);
        }
        limit = limit == 0 ? 100 : limit;
    }

    public TraceFilter.Sql sql(String columns) {
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        parameters.add(from);
        conditions.add("time >= $" + parameters.size());
        parameters.add(to);
        conditions.add("time < $" + parameters.size());
        if (!service.isEmpty()) {
            parameters.add(service);
            conditions.add("service = $" + parameters.size());
        }
        if (minSeverity > 0) {
            parameters.add((short) minSeverity);
            conditions.add("severity_number >= $" + parameters.size());
        }
        if (!traceId.isEmpty()) {
            parameters.add(traceId);
            conditions.add("trace_id = $" + parameters.size());
        }
        if (!text.isEmpty()) {
            parameters.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            conditions.add("body ILIKE $" + parameters.size());
        }
        return new TraceFilter.Sql("SELECT " + columns + " FROM telemetry_log WHERE " + String.join(" AND ", conditions)
                + " ORDER BY time DESC LIMIT " + limit, parameters);
    }
}
