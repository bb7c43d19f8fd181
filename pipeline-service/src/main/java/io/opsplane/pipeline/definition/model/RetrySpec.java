package io.opsplane.pipeline.definition.model;

import java.util.Set;

/**
 * {@code retry}: at most {@code max} (0–2) automatic retries, for failures named in {@code when} (GitLab's
 * failure reasons, {@code always} by default) or exit codes in {@code exitCodes}.
 */
public record RetrySpec(int max, Set<String> when, Set<Integer> exitCodes) {

    public static final RetrySpec NONE = new RetrySpec(0, Set.of("always"), Set.of());
}
