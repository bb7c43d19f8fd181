package io.opsplane.healing.policy;

import java.time.Duration;

/** At most {@code max} runs of a policy against one target within any {@code period}. */
public record RateLimit(int max, Duration period) {
}
