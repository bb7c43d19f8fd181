package io.opsplane.pipeline.triggers.events;

/**
 * One condition on an event, as written in an event trigger.
 *
 * @param field    {@code subject}, {@code source}, or {@code data.<path>}: a dot-separated path into the event's
 *                 data (its JSON mapping, with camelCase field names), numbers index arrays
 * @param operator {@code equals}, {@code not_equals}, {@code prefix}, {@code matches} (a regular expression found
 *                 anywhere in the value; anchor it with ^ and $) or {@code exists}
 * @param value    what the field is compared with; ignored by {@code exists}
 */
public record EventFilter(String field, String operator, String value) {
}
