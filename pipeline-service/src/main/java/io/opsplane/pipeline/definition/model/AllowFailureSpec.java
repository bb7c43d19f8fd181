package io.opsplane.pipeline.definition.model;

import java.util.Set;

/** {@code allow_failure}: true/false, or only for some exit codes. */
public record AllowFailureSpec(boolean allowed, Set<Integer> exitCodes) {

    public static final AllowFailureSpec NO = new AllowFailureSpec(false, Set.of());
    public static final AllowFailureSpec YES = new AllowFailureSpec(true, Set.of());

    /** Whether a failure with {@code exitCode} is allowed. */
    public boolean allows(int exitCode) {
        return allowed || exitCodes.contains(exitCode);
    }
}
