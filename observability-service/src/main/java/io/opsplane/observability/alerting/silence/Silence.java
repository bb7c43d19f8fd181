package io.opsplane.observability.alerting.silence;

import io.opsplane.observability.alerting.matcher.Matcher;
import io.opsplane.observability.alerting.matcher.Matchers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence, checked as Alertmanager checks one: at least one matcher, at least one matcher that does not match
 * the empty string (else it would silence every alert), an end after the start, a creator and a comment. It is
 * pending before {@code startsAt}, active up to and including {@code endsAt}, expired after.
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment) {

    public Silence {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new InvalidSilenceException("matchers: at least one matcher required");
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw new InvalidSilenceException("matchers: at least one matcher must not match the empty string");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidSilenceException("endsAt: the end time must be after the start time");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new InvalidSilenceException("createdBy: required");
        }
        if (comment == null || comment.isBlank()) {
            throw new InvalidSilenceException("comment: required");
        }
    }

    public SilenceState state(Instant now) {
        if (startsAt.isAfter(now)) {
            return SilenceState.PENDING;
        }
        if (endsAt.isBefore(now)) {
            return SilenceState.EXPIRED;
        }
        return SilenceState.ACTIVE;
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return state(now) == SilenceState.ACTIVE && new Matchers(matchers).matches(labels);
    }
}
