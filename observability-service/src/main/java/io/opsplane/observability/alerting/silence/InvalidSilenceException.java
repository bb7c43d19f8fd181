package io.opsplane.observability.alerting.silence;

/** A silence that Alertmanager would refuse; the message names the field. */
public final class InvalidSilenceException extends IllegalArgumentException {

    public InvalidSilenceException(String message) {
        super(message);
    }
}
