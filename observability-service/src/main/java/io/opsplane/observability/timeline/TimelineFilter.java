package io.opsplane.observability.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked timeline query: optional correlation id, type, subject and time range, a page size and a
 * keyset cursor (the time and id of the last entry of the previous page), turned into a JPQL where
 * clause with named parameters. Entries come oldest first.
 */
public record TimelineFilter(String correlationId, String type, String subject, Instant from, Instant to,
        int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final int MAX_TEXT = 255;

    /** Position after which the next page starts. */
    public record Cursor(Instant time, String eventId) {

        public String encode() {
            String raw = time.toString() + "|" + eventId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                if (bar <= 0 || bar == raw.length() - 1) {
                    throw new IllegalArgumentException("cursor is not one this service issued");
                }
                return new Cursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this service issued");
            }
        }
    }

    /** Checks raw query input; blank strings mean "any", a zero limit means the default. */
    public static TimelineFilter of(String correlationId, String type, String subject, Instant from, Instant to,
            int limit, String cursor) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
        return new TimelineFilter(text("correlationId", correlationId), text("type", type), text("subject", subject),
                from, to, limit == 0 ? DEFAULT_LIMIT : limit,
                cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT
                    + " characters without control characters");
        }
        return value;
    }

    /** The JPQL condition, or "1 = 1" when nothing is filtered. */
    public String where() {
        List<String> conditions = new ArrayList<>();
        if (correlationId != null) {
            conditions.add("correlationId = :correlationId");
        }
        if (type != null) {
            conditions.add("eventType = :type");
        }
        if (subject != null) {
            conditions.add("subject = :subject");
        }
        if (from != null) {
            conditions.add("eventTime >= :from");
        }
        if (to != null) {
            conditions.add("eventTime < :to");
        }
        if (after != null) {
            conditions.add("(eventTime > :afterTime or (eventTime = :afterTime and eventId > :afterId))");
        }
        return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    }

    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (correlationId != null) {
            parameters.put("correlationId", correlationId);
        }
        if (type != null) {
            parameters.put("type", type);
        }
        if (subject != null) {
            parameters.put("subject", subject);
        }
        if (from != null) {
            parameters.put("from", from);
        }
        if (to != null) {
            parameters.put("to", to);
        }
        if (after != null) {
            parameters.put("afterTime", after.time());
            parameters.put("afterId", after.eventId());
        }
        return parameters;
    }
}
