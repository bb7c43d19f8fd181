package io.opsplane.healing.learning;

/** An action with its record for one issue signature and the success rate expected from it. */
public record RankedAction<A>(A action, int successes, int failures, double expectedSuccess) {
}
