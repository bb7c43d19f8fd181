package io.opsplane.observability.alerting.escalation;

/** An escalation policy that cannot work; the message names the level. */
public final class InvalidPolicyException extends IllegalArgumentException {

    public InvalidPolicyException(String message) {
        super(message);
    }
}
