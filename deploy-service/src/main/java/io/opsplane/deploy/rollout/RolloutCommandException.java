package io.opsplane.deploy.rollout;

/** An operator command that the rollout's phase does not allow, such as promote on a finished rollout. */
public final class RolloutCommandException extends IllegalStateException {

    public RolloutCommandException(OperatorCommand command, RolloutPhase phase) {
        super("command " + command + " is not possible while the rollout is " + phase);
    }
}
