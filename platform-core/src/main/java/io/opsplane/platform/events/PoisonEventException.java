package io.opsplane.platform.events;

/** A record that can never be processed (not a CloudEvent, unknown type, undecodable data). */
public class PoisonEventException extends Exception {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
