package io.opsplane.pipeline.scheduling;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A job's {@code retry:} keyword.
 *
 * @param max              {@code retry:max}, absent when not written
 * @param onAnyFailure     {@code retry:when} holds {@code always} (the default when neither
 *                         {@code when} nor {@code exit_codes} is written)
 * @param onReasons        the failure reasons {@code retry:when} names
 * @param onExitCodes      {@code retry:exit_codes}
 */
public record RetryPolicy(OptionalInt max, boolean onAnyFailure, Set<FailureReason> onReasons, Set<Integer> onExitCodes) {

    /** GitLab accepts 0, 1 or 2. */
    public static final int MAX_RETRIES = 2;
    private static final String ALWAYS = "always";

    public RetryPolicy {
        Objects.requireNonNull(max, "max");
        if (max.isPresent() && (max.getAsInt() < 0 || max.getAsInt() > MAX_RETRIES)) {
            throw new IllegalArgumentException("retry:max must be 0, 1 or 2, not " + max.getAsInt());
        }
        onReasons = Set.copyOf(onReasons);
        onExitCodes = Set.copyOf(onExitCodes);
        onReasons.stream().filter(FailureReason::isNeverRetried).findFirst().ifPresent(reason -> {
            throw new IllegalArgumentException("retry:when cannot name " + reason.yamlName());
        });
    }

    /** No {@code retry:} keyword: only GitLab's built-in retries apply. */
    public static RetryPolicy none() {
        return of(null, null, null);
    }

    /** {@code retry: 2}. */
    public static RetryPolicy ofMax(int max) {
        return of(max, null, null);
    }

    /**
     * {@code retry: {max, when, exit_codes}}; null for a key that is not written.
     *
     * @throws IllegalArgumentException naming a {@code when} value GitLab does not know
     */
    public static RetryPolicy of(Integer max, List<String> when, List<Integer> exitCodes) {
        boolean always = when == null ? exitCodes == null : when.contains(ALWAYS);
        Set<FailureReason> reasons = EnumSet.noneOf(FailureReason.class);
        for (String name : when == null ? List.<String>of() : when) {
            if (ALWAYS.equals(name)) {
                continue;
            }
            reasons.add(FailureReason.fromYamlName(name)
                    .filter(reason -> !reason.isNeverRetried())
                    .orElseThrow(() -> new IllegalArgumentException("retry:when does not know \"" + name + "\"")));
        }
        return new RetryPolicy(
                max == null ? OptionalInt.empty() : OptionalInt.of(max),
                always,
                reasons,
                exitCodes == null ? Set.of() : Set.copyOf(exitCodes));
    }

    /** Whether this failure is one {@code retry:when} or {@code retry:exit_codes} asks to retry. */
    public boolean covers(FailureReason reason, OptionalInt exitCode) {
        return onAnyFailure
                || onReasons.contains(reason)
                || (exitCode.isPresent() && onExitCodes.contains(exitCode.getAsInt()));
    }
}
