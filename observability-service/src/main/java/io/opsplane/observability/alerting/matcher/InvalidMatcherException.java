package io.opsplane.observability.alerting.matcher;

/** A matcher that cannot be parsed or compiled; the message names the matcher text. */
public final class InvalidMatcherException extends IllegalArgumentException {

    public InvalidMatcherException(String message) {
        super(message);
    }
}
