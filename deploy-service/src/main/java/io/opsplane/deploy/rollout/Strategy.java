package io.opsplane.deploy.rollout;

/** How a release replaces the one serving: gradually (canary) or all at once (blue-green). */
public sealed interface Strategy permits CanaryStrategy, BlueGreenStrategy {
}
