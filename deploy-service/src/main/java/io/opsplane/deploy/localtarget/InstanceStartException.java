package io.opsplane.deploy.localtarget;

/** An instance did not become ready; the message says why and ends with the end of its log. */
public final class InstanceStartException extends RuntimeException {

    public InstanceStartException(String message) {
        super(message);
    }

    public InstanceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
